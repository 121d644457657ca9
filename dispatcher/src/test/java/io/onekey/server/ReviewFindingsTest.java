package io.onekey.server;

import static io.onekey.server.DispatchFixture.offerTo;
import static io.onekey.server.DispatchFixture.offeredProviders;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cases where the obvious rule would lose an alarm, a crew or a device. */
class ReviewFindingsTest {

    private static final String SECOND_DEVICE = "353419036066061";

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
    void aCancelSentBeforeANewPressDoesNotCancelIt() throws Exception {
        Instant cancelSent = fx.clock.instant();
        fx.clock.advance(Duration.ofSeconds(2));
        fx.sos(); // the SOS overtakes the older cancel in the priority lane
        String id = fx.awaitAlert("SOS").getString("id");
        fx.append(new Alarm(DispatchFixture.WATCH, Protocol.WATCH, cancelSent, Optional.empty(), "late-cancel",
                AlarmKind.CANCEL, Optional.empty(), "test", Optional.empty()));
        await().until(() -> fx.alert(id).getJsonArray("history").stream()
                .anyMatch(h -> String.valueOf(((JsonObject) h).getString("note")).contains("pressed again after the cancel")));
        assertEquals("DISPATCHED", fx.alert(id).getString("state"));
    }

    @Test
    void aCancelKeyOnAnAlertWithACrewOnSceneIsOnlyANote() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String near = fx.token("provider", "P-NEAR");
        fx.post("/api/offers/" + offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject());
        fx.post("/api/alerts/" + id + "/on-scene", near, new JsonObject().put("lat", 30.2741).put("lon", 120.1551));
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.CANCEL, Optional.empty());
        await().until(() -> fx.alert(id).getJsonArray("history").stream()
                .anyMatch(h -> String.valueOf(((JsonObject) h).getString("note")).contains("the alert is ON_SCENE")));
        assertEquals(200, fx.post("/api/alerts/" + id + "/complete", near, new JsonObject()).statusCode());
    }

    @Test
    void twoSilentDevicesOfOneResidentGetAnOfflineAlertEach() throws Exception {
        fx.clock.advance(Duration.ofSeconds(800));
        await().until(() -> offline().size() >= 2);
        List<String> devices = offline().stream().map(a -> a.getString("deviceId")).toList();
        assertTrue(devices.containsAll(List.of(DispatchFixture.WATCH, SECOND_DEVICE)), devices.toString());
        fx.heartbeat(Protocol.WATCH, DispatchFixture.WATCH);
        await().until(() -> offline().stream().noneMatch(a -> DispatchFixture.WATCH.equals(a.getString("deviceId"))));
        assertTrue(offline().stream().anyMatch(a -> SECOND_DEVICE.equals(a.getString("deviceId"))), "the other stays offline");
    }

    @Test
    void theAcceptedCrewIsToldWhenTheOperatorCancels() throws Exception {
        TestClients.FeedClient screen = fx.feed("provider", "P-NEAR");
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String near = fx.token("provider", "P-NEAR");
        fx.post("/api/offers/" + offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject());
        assertEquals(200, fx.operator(id, "cancel", new JsonObject().put("reason", "false alarm")).statusCode());
        await().until(() -> screen.received("job-ended"));
    }

    @Test
    void pendingOffersCountAgainstCapacity() throws Exception {
        // P-NEAR has capacity 2: of three simultaneous SOS near it, the third goes elsewhere.
        fx.sos();
        fx.alarm(Protocol.DC09, "7788", AlarmKind.SOS, Optional.empty());
        fx.alarm(Protocol.GT06, DispatchFixture.PENDANT, AlarmKind.SOS, Optional.empty());
        await().until(() -> fx.alertsOfKind("SOS").size() == 3);
        List<String> first = fx.alertsOfKind("SOS").stream().map(a -> offeredProviders(a).get(0)).toList();
        assertEquals(2, first.stream().filter("P-NEAR"::equals).count(), first.toString());
    }

    @Test
    void aProviderCannotReadAnAlertAfterDecliningIt() throws Exception {
        fx.sos();
        JsonObject alert = fx.awaitAlert("SOS");
        String near = fx.token("provider", "P-NEAR");
        fx.post("/api/offers/" + offerTo(alert, "P-NEAR") + "/decline", near, new JsonObject());
        assertEquals(404, TestClients.get(fx.running.http("/api/alerts/" + alert.getString("id")), near).statusCode());
    }

    @Test
    void revokingATokenClosesItsLiveFeed() throws Exception {
        HttpResponse<String> created = fx.post("/api/tokens", RunningServer.ADMIN_TOKEN,
                new JsonObject().put("role", "operator").put("subject", "temp"));
        JsonObject token = new JsonObject(created.body());
        TestClients.FeedClient feed = TestClients.FeedClient.connect(fx.running.ws("/ws"), token.getString("token"));
        await().until(() -> feed.received("hello"));
        TestClients.HTTP.send(HttpRequest.newBuilder(fx.running.http("/api/tokens/" + token.getString("id")))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        await().until(feed::closed);
    }

    private List<JsonObject> offline() throws Exception {
        return fx.alertsOfKind("TERMINAL_OFFLINE").stream().filter(a -> !"RESOLVED".equals(a.getString("state"))).toList();
    }
}
