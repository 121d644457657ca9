package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device supervision, geofences and alarms without a fix. */
class SupervisionAndGeofenceTest {

    /** R4's home and the centre of its 200 m safe zone. */
    private static final double HOME_LAT = 30.2650;
    private static final double HOME_LON = 120.1450;
    /** Degrees of latitude per metre. */
    private static final double PER_METER = 1 / 111_195.0;

    private DispatchFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new DispatchFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aSilentTerminalRaisesAnOfflineAlertThatResolvesItselfWhenHeard() throws Exception {
        // The watch reports every 300 s; with a tolerance of 2.5 it is offline after 750 s.
        fx.heartbeat(Protocol.WATCH, DispatchFixture.WATCH);
        fx.clock.advance(Duration.ofSeconds(700));
        fx.heartbeat(Protocol.GT06, DispatchFixture.PENDANT);
        await().until(() -> fx.running.server.registry().find("onekey.dispatcher.events.consumed").counter().count() >= 2);
        assertTrue(offlineAlertOf(DispatchFixture.WATCH).isEmpty(), "not yet offline");
        fx.clock.advance(Duration.ofSeconds(60));
        await().until(() -> offlineAlertOf(DispatchFixture.WATCH).isPresent());
        JsonObject offline = offlineAlertOf(DispatchFixture.WATCH).get();
        assertEquals("P2", offline.getString("priority"));
        assertEquals("R1", offline.getString("residentId"));

        fx.heartbeat(Protocol.WATCH, DispatchFixture.WATCH);
        await().until(() -> "RESOLVED".equals(fx.alert(offline.getString("id")).getString("state")));
        JsonObject resolved = fx.alert(offline.getString("id"));
        assertTrue(resolved.getJsonArray("history").stream()
                .anyMatch(h -> "device heard again".equals(((JsonObject) h).getString("note"))));
    }

    @Test
    void leavingTheSafeZoneRaisesOneExitPerExcursionAndDriftInsideTheMarginNone() throws Exception {
        Instant t = fx.clock.instant();
        fix(0, t);
        fix(230, t.plusSeconds(10));  // 30 m beyond the fence: inside the 50 m margin, drift
        fix(240, t.plusSeconds(50));
        fix(235, t.plusSeconds(90));
        fx.heartbeat(Protocol.WATCH, DispatchFixture.WATCH);
        await().until(() -> consumed() >= 5);
        assertTrue(fx.alertsOfKind("GEOFENCE_EXIT").isEmpty(), "drift within the margin raises nothing");

        fix(400, t.plusSeconds(100));
        fix(420, t.plusSeconds(140));  // second outside fix, 40 s after the first: an exit
        fix(450, t.plusSeconds(150));
        fix(900, t.plusSeconds(95));  // a replayed old fix: ignored
        JsonObject exit = fx.awaitAlert("GEOFENCE_EXIT");
        assertEquals("P2", exit.getString("priority"));
        assertEquals("R4", exit.getString("residentId"));
        assertEquals(1, exit.getInteger("pressCount"), "raised once for the excursion");

        assertEquals(200, fx.operator(exit.getString("id"), "resolve", new JsonObject().put("note", "found her")).statusCode());
        fix(10, t.plusSeconds(200));   // home again: the excursion ends
        fix(400, t.plusSeconds(300));
        fix(400, t.plusSeconds(340));  // a new excursion: a new alert
        await().until(() -> fx.alertsOfKind("GEOFENCE_EXIT").stream().filter(a -> !"RESOLVED".equals(a.getString("state"))).count() == 1);
    }

    @Test
    void aVagueCellFixDoesNotCountAsOutside() throws Exception {
        Instant t = fx.clock.instant();
        fx.location(DispatchFixture.PENDANT, HOME_LAT + 700 * PER_METER, HOME_LON, 800, t);
        fx.location(DispatchFixture.PENDANT, HOME_LAT + 700 * PER_METER, HOME_LON, 800, t.plusSeconds(60));
        fx.location(DispatchFixture.PENDANT, HOME_LAT + 700 * PER_METER, HOME_LON, 800, t.plusSeconds(120));
        await().until(() -> consumed() >= 3);
        assertTrue(fx.alertsOfKind("GEOFENCE_EXIT").isEmpty());
    }

    @Test
    void anSosWithoutAFixIsRaisedWithTheLastKnownPositionAndItsAge() throws Exception {
        Instant fixTime = fx.clock.instant();
        fx.location(DispatchFixture.PENDANT, HOME_LAT + 100 * PER_METER, HOME_LON, 10, fixTime);
        await().until(() -> consumed() >= 1);
        fx.clock.advance(Duration.ofMinutes(3));
        fx.alarm(Protocol.GT06, DispatchFixture.PENDANT, AlarmKind.SOS, Optional.empty());
        JsonObject sos = fx.awaitAlert("SOS");
        JsonObject position = sos.getJsonObject("position");
        assertEquals("GPS", position.getString("source"));
        assertEquals(HOME_LAT + 100 * PER_METER, position.getDouble("lat"), 1e-9);
        assertEquals(180, position.getLong("ageSeconds"));
        assertEquals(fixTime.toString(), position.getString("fixTime"));
    }

    @Test
    void anSosWithoutAnyFixIsRaisedAtTheHomeAddress() throws Exception {
        fx.sos();
        JsonObject position = fx.awaitAlert("SOS").getJsonObject("position");
        assertEquals("HOME", position.getString("source"));
        assertEquals(30.2741, position.getDouble("lat"), 1e-9);
    }

    private void fix(double metersNorth, Instant at) {
        fx.location(DispatchFixture.PENDANT, HOME_LAT + metersNorth * PER_METER, HOME_LON, 10, at);
    }

    private double consumed() {
        return fx.running.server.registry().find("onekey.dispatcher.events.consumed").counter().count();
    }

    private Optional<JsonObject> offlineAlertOf(String deviceId) throws Exception {
        return fx.alertsOfKind("TERMINAL_OFFLINE").stream().filter(a -> deviceId.equals(a.getString("deviceId"))).findFirst();
    }
}
