package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Locate now" end to end: a watch connected over a real socket, its SOS open as an alert; the
 * operator asks for a fresh fix, the watch gets {@code CR}, reports a position, and the alert's
 * history and position show the fresh fix.
 */
class LocateNowTest {

    private DispatchFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new DispatchFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponse<String> locate(String alertId, String token) throws Exception {
        return fx.post("/api/alerts/" + alertId + "/locate", token, new JsonObject());
    }

    private static List<JsonObject> history(JsonObject alert, String action) {
        return alert.getJsonArray("history").stream().map(h -> (JsonObject) h)
                .filter(h -> action.equals(h.getString("action"))).toList();
    }

    @Test
    void theWatchGetsCrAndItsFreshFixMovesTheAlert() throws Exception {
        try (WatchTerminal watch = new WatchTerminal(fx.running.server.port(GatewayServer.Listener.WATCH_TCP))) {
            assertEquals("[3G*6907919734*0002*AL]", watch.sos());
            JsonObject opened = fx.awaitAlert("SOS");
            String id = opened.getString("id");
            assertEquals("HOME", opened.getJsonObject("position").getString("source"), "the SOS had no fix");

            HttpResponse<String> response = locate(id, fx.token("operator", "olga"));

            assertEquals(200, response.statusCode(), response.body());
            JsonObject body = new JsonObject(response.body());
            assertEquals("SENT", body.getString("outcome"));
            JsonObject requested = history(body.getJsonObject("alert"), "locate-requested").get(0);
            assertEquals("operator:olga", requested.getString("actor"));
            assertEquals("sent to the device", history(body.getJsonObject("alert"), "locate").get(0).getString("note"));
            assertEquals("[3G*6907919734*0002*CR]", watch.read());

            watch.send("[3G*6907919734*0002*CR]");
            watch.position(39.915000, 116.404000);

            await().atMost(Duration.ofSeconds(10)).until(() -> !history(fx.alert(id), "fresh-fix").isEmpty());
            JsonObject alert = fx.alert(id);
            String note = history(alert, "fresh-fix").get(0).getString("note");
            assertTrue(note.startsWith("fresh fix 39.91500, 116.40400 (GPS), "), note);
            assertTrue(note.contains(" m from the last position, ") && note.endsWith(" s after the request"), note);
            JsonObject position = alert.getJsonObject("position");
            assertEquals(39.915, position.getDouble("lat"), 1e-6);
            assertEquals(116.404, position.getDouble("lon"), 1e-6);
            assertEquals("GPS", position.getString("source"));
        }
    }

    @Test
    void aTerminalNotConnectedIsRecordedAsSuch() throws Exception {
        fx.alarm(Protocol.GT06, DispatchFixture.PENDANT, AlarmKind.SOS, Optional.empty());
        String id = fx.awaitAlert("SOS").getString("id");

        HttpResponse<String> response = locate(id, RunningServer.ADMIN_TOKEN);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = new JsonObject(response.body());
        assertEquals("NOT_CONNECTED", body.getString("outcome"));
        assertEquals("the device is not connected", history(body.getJsonObject("alert"), "locate").get(0).getString("note"));
    }

    @Test
    void aDc09PanelCannotBeLocatedAndSaysWhy() throws Exception {
        fx.alarm(Protocol.DC09, "7788", AlarmKind.SOS, Optional.empty());
        String id = fx.awaitAlert("SOS").getString("id");

        HttpResponse<String> response = locate(id, RunningServer.ADMIN_TOKEN);

        assertEquals(422, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(new JsonObject(response.body()).getString("detail").contains("DC-09 panels take no commands"), response.body());
        assertTrue(history(fx.alert(id), "locate-requested").isEmpty(), "a refused request leaves no trace");
    }

    @Test
    void onlyOperatorsMayAskAndOnlyForAnOpenAlert() throws Exception {
        fx.alarm(Protocol.GT06, DispatchFixture.PENDANT, AlarmKind.SOS, Optional.empty());
        String id = fx.awaitAlert("SOS").getString("id");

        assertEquals(403, locate(id, fx.token("provider", "P-NEAR")).statusCode());
        assertEquals(404, locate("A-nope", RunningServer.ADMIN_TOKEN).statusCode());
        assertEquals(200, fx.operator(id, "cancel", new JsonObject().put("reason", "test")).statusCode());
        HttpResponse<String> closed = locate(id, RunningServer.ADMIN_TOKEN);
        assertEquals(409, closed.statusCode(), closed.body());
    }
}
