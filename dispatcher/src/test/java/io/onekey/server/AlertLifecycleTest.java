package io.onekey.server;

import static io.onekey.server.DispatchFixture.offerTo;
import static io.onekey.server.DispatchFixture.offeredProviders;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert life cycle and routing through the API, on a hand-moved clock. */
class AlertLifecycleTest {

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
    void p1SosIsOfferedToTheNearestOfThreeProviders() throws Exception {
        fx.sos();
        JsonObject alert = fx.awaitAlert("SOS");
        assertEquals("P1", alert.getString("priority"));
        assertEquals("DISPATCHED", alert.getString("state"));
        assertEquals(List.of("P-NEAR"), offeredProviders(alert));
    }

    @Test
    void aDeclineMovesTheOfferToTheSecondNearest() throws Exception {
        fx.sos();
        JsonObject alert = fx.awaitAlert("SOS");
        String near = fx.token("provider", "P-NEAR");
        HttpResponse<String> declined = fx.post("/api/offers/" + offerTo(alert, "P-NEAR") + "/decline", near,
                new JsonObject().put("reason", "crew busy"));
        assertEquals(200, declined.statusCode(), declined.body());
        await().until(() -> offeredProviders(fx.alert(alert.getString("id"))).equals(List.of("P-NEAR", "P-MID")));
        JsonObject after = fx.alert(alert.getString("id"));
        assertEquals("DECLINED", after.getJsonArray("offers").getJsonObject(0).getString("state"));
        assertEquals("PENDING", after.getJsonArray("offers").getJsonObject(1).getString("state"));
    }

    @Test
    void anOfferTimeoutMovesToTheNextAndNobodyIsOfferedTwice() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        fx.clock.advance(Duration.ofSeconds(31));
        await().until(() -> offeredProviders(fx.alert(id)).equals(List.of("P-NEAR", "P-MID")));
        fx.clock.advance(Duration.ofSeconds(31));
        await().until(() -> offeredProviders(fx.alert(id)).equals(List.of("P-NEAR", "P-MID", "P-FAR")));
        fx.clock.advance(Duration.ofSeconds(31));
        await().until(() -> fx.alert(id).getJsonObject("flags").getBoolean("unassigned"));
        JsonObject exhausted = fx.alert(id);
        assertEquals(3, exhausted.getJsonArray("offers").size(), "nobody is offered the same alert twice");
        assertEquals("NEW", exhausted.getString("state"), "back to the operators");
        assertTrue(exhausted.getJsonObject("flags").getBoolean("escalated"));
    }

    @Test
    void ofTwoProvidersAcceptingExactlyOneWinsAndTheOtherIsToldItIsTaken() throws Exception {
        TestClients.FeedClient midScreen = fx.feed("provider", "P-MID");
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        // Routing offers the connected P-MID first; the operator adds the nearer P-NEAR by hand.
        assertEquals(List.of("P-MID"), offeredProviders(fx.alert(id)));
        assertEquals(200, fx.operator(id, "dispatch", new JsonObject().put("providerId", "P-NEAR")).statusCode());
        JsonObject alert = fx.alert(id);
        String near = fx.token("provider", "P-NEAR");
        String mid = fx.token("provider", "P-MID");
        var first = TestClients.HTTP.sendAsync(request("/api/offers/" + offerTo(alert, "P-NEAR") + "/accept", near),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var second = TestClients.HTTP.sendAsync(request("/api/offers/" + offerTo(alert, "P-MID") + "/accept", mid),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        List<Integer> statuses = List.of(first.join().statusCode(), second.join().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one winner: " + statuses);
        assertEquals(1, statuses.stream().filter(s -> s == 409).count(), "the other is told it is taken: " + statuses);
        JsonObject accepted = fx.alert(id);
        assertEquals("ACCEPTED", accepted.getString("state"));
        if (statuses.get(0) == 200) {
            await().until(() -> midScreen.received("taken"));
        }
    }

    @Test
    void aProviderFollowsTheJobThroughToResolved() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String near = fx.token("provider", "P-NEAR");
        String offer = offerTo(fx.alert(id), "P-NEAR");
        assertEquals(200, fx.post("/api/offers/" + offer + "/accept", near, new JsonObject()).statusCode());
        assertEquals(200, fx.post("/api/alerts/" + id + "/en-route", near, new JsonObject().put("lat", 30.278).put("lon", 120.159)).statusCode());
        assertEquals(200, fx.post("/api/alerts/" + id + "/on-scene", near, new JsonObject().put("lat", 30.2741).put("lon", 120.1552)).statusCode());
        HttpResponse<String> done = fx.post("/api/alerts/" + id + "/complete", near, new JsonObject().put("note", "resident fine"));
        assertEquals(200, done.statusCode(), done.body());
        JsonObject resolved = new JsonObject(done.body());
        assertEquals("RESOLVED", resolved.getString("state"));
        List<String> actions = resolved.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("action")).toList();
        assertTrue(actions.containsAll(List.of("opened", "dispatched", "accepted", "en-route", "on_scene", "resolved")), actions.toString());
        JsonObject onScene = resolved.getJsonArray("history").stream().map(h -> (JsonObject) h)
                .filter(h -> "on_scene".equals(h.getString("action"))).findFirst().orElseThrow();
        assertTrue(onScene.getString("note").contains("m from the resident"), onScene.getString("note"));
        assertEquals("provider:P-NEAR", onScene.getString("actor"));
    }

    @Test
    void anOnSceneReportFarFromTheResidentIsFlaggedForTheSupervisor() throws Exception {
        TestClients.FeedClient supervisor = fx.feed("supervisor", "sue");
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String near = fx.token("provider", "P-NEAR");
        fx.post("/api/offers/" + offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject());
        HttpResponse<String> far = fx.post("/api/alerts/" + id + "/on-scene", near, new JsonObject().put("lat", 30.2941).put("lon", 120.1551));
        assertEquals(200, far.statusCode(), far.body());
        JsonObject alert = new JsonObject(far.body());
        assertTrue(alert.getJsonObject("flags").getBoolean("onSceneFar"));
        String note = alert.getJsonArray("history").stream().map(h -> (JsonObject) h)
                .filter(h -> "on_scene".equals(h.getString("action"))).findFirst().orElseThrow().getString("note");
        assertTrue(note.contains("2224 m from the resident"), note);
        await().until(() -> supervisor.messages.stream().anyMatch(m -> "escalation".equals(m.getString("type"))
                && m.getString("reason").contains("on-scene position")));
    }

    @Test
    void anUnacknowledgedAlertEscalatesToSupervisorsAtTheDeadline() throws Exception {
        TestClients.FeedClient supervisor = fx.feed("supervisor", "sue");
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        fx.clock.advance(Duration.ofSeconds(59));
        fx.heartbeat(Protocol.WATCH, DispatchFixture.WATCH); // a tick or two passes
        assertTrue(!fx.alert(id).getJsonObject("flags").getBoolean("escalated"), "not before the deadline");
        fx.clock.advance(Duration.ofSeconds(2));
        await().until(() -> fx.alert(id).getJsonObject("flags").getBoolean("escalated"));
        await().until(() -> supervisor.received("escalation"));
        assertTrue(fx.alert(id).getJsonArray("history").stream()
                .anyMatch(h -> "escalated".equals(((JsonObject) h).getString("action"))));
    }

    @Test
    void anAcknowledgedAlertDoesNotEscalate() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        HttpResponse<String> ack = fx.operator(id, "acknowledge", new JsonObject());
        assertEquals(200, ack.statusCode(), ack.body());
        assertEquals("DISPATCHED", new JsonObject(ack.body()).getString("state"), "P1 stays dispatched; the ack is stamped");
        fx.clock.advance(Duration.ofMinutes(5));
        fx.sos(); // a second press, processed after the clock moved
        await().until(() -> fx.alert(id).getInteger("pressCount") == 2);
        assertTrue(!fx.alert(id).getJsonObject("flags").getBoolean("escalated"));
    }

    @Test
    void nobodyOnSceneWithinFifteenMinutesBreachesTheSla() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        fx.operator(id, "acknowledge", new JsonObject());
        fx.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        await().until(() -> fx.alert(id).getJsonObject("flags").getBoolean("slaBreached"));
    }

    @Test
    void fivePressesMakeOneAlert() throws Exception {
        for (int i = 0; i < 5; i++) {
            fx.sos();
        }
        await().until(() -> fx.alertsOfKind("SOS").size() == 1 && fx.alertsOfKind("SOS").get(0).getInteger("pressCount") == 5);
    }

    @Test
    void theAlertListIsPagedWithACursor() throws Exception {
        fx.sos();
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.LOW_BATTERY, Optional.empty());
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.POWER_LOSS, Optional.empty());
        await().until(() -> fx.alerts().size() == 3);
        JsonObject first = new JsonObject(TestClients.get(fx.running.http("/api/alerts?limit=2"), RunningServer.ADMIN_TOKEN).body());
        assertEquals(2, first.getJsonArray("items").size());
        assertEquals("P1", first.getJsonArray("items").getJsonObject(0).getString("priority"));
        String next = first.getString("next");
        String lastOfFirst = first.getJsonArray("items").getJsonObject(1).getString("id");
        // A press on another terminal while the operator reads the first page: a P1, in front of where that page ended.
        fx.alarm(Protocol.GT06, DispatchFixture.PENDANT, AlarmKind.SOS, Optional.empty());
        await().until(() -> fx.alerts().size() == 4);
        JsonObject second = new JsonObject(TestClients.get(fx.running.http("/api/alerts?limit=2&cursor=" + next),
                RunningServer.ADMIN_TOKEN).body());
        assertEquals(1, second.getJsonArray("items").size(), () -> "the page goes on after " + lastOfFirst + ": " + second);
        assertNotEquals(lastOfFirst, second.getJsonArray("items").getJsonObject(0).getString("id"), "not shifted back by the new alarm");
        assertEquals(null, second.getValue("next"));
    }

    @Test
    void anIllegalTransitionIsRefusedWith409() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        assertEquals(200, fx.operator(id, "resolve", new JsonObject().put("note", "false alarm")).statusCode());
        HttpResponse<String> again = fx.operator(id, "cancel", new JsonObject().put("reason", "x"));
        assertEquals(409, again.statusCode());
        JsonObject problem = new JsonObject(again.body());
        assertEquals("Conflict", problem.getString("title"));
        assertTrue(problem.getString("detail").contains("RESOLVED cannot become CANCELLED"), problem.getString("detail"));
        assertEquals("application/problem+json", again.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void theResidentsCancelKeyCancelsOnlyAnUnacknowledgedAlert() throws Exception {
        fx.sos();
        String first = fx.awaitAlert("SOS").getString("id");
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.CANCEL, Optional.empty());
        await().until(() -> "CANCELLED".equals(fx.alert(first).getString("state")));

        fx.sos();
        await().until(() -> fx.alertsOfKind("SOS").stream().anyMatch(a -> !a.getString("id").equals(first)));
        String second = fx.alertsOfKind("SOS").stream().filter(a -> !a.getString("id").equals(first)).findFirst().orElseThrow().getString("id");
        fx.operator(second, "acknowledge", new JsonObject());
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.CANCEL, Optional.empty());
        await().until(() -> fx.alert(second).getJsonArray("history").stream()
                .anyMatch(h -> ((JsonObject) h).getString("note") != null && ((JsonObject) h).getString("note").contains("pressed cancel")));
        assertEquals("DISPATCHED", fx.alert(second).getString("state"), "an acknowledged alert stays open");
    }

    @Test
    void technicalAlarmsRaiseDeduplicatedP4Alerts() throws Exception {
        for (int i = 0; i < 3; i++) {
            fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.LOW_BATTERY, Optional.empty());
        }
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.POWER_LOSS, Optional.empty());
        await().until(() -> fx.alertsOfKind("LOW_BATTERY").size() == 1 && fx.alertsOfKind("POWER_LOSS").size() == 1
                && fx.alertsOfKind("LOW_BATTERY").get(0).getInteger("pressCount") == 3);
        JsonObject battery = fx.alertsOfKind("LOW_BATTERY").get(0);
        assertEquals("P4", battery.getString("priority"));
        assertEquals("NEW", battery.getString("state"), "P4 waits for an operator");
        assertEquals(0, battery.getJsonArray("offers").size());
    }

    @Test
    void anOperatorMayDispatchByHandAfterAcknowledging() throws Exception {
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.OTHER, Optional.empty());
        String id = fx.awaitAlert("OTHER").getString("id");
        assertEquals("ACKNOWLEDGED", new JsonObject(fx.operator(id, "acknowledge", new JsonObject()).body()).getString("state"));
        HttpResponse<String> dispatched = fx.operator(id, "dispatch", new JsonObject().put("providerId", "P-FAR"));
        assertEquals(200, dispatched.statusCode(), dispatched.body());
        assertEquals(List.of("P-FAR"), offeredProviders(new JsonObject(dispatched.body())));
        assertEquals(400, fx.operator(id, "dispatch", new JsonObject().put("providerId", "NOBODY")).statusCode());
    }

    private java.net.http.HttpRequest request(String path, String token) {
        return java.net.http.HttpRequest.newBuilder(fx.running.http(path)).header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
    }
}
