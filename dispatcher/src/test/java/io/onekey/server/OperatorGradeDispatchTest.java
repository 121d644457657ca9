package io.onekey.server;

import static io.onekey.server.DispatchFixture.offerTo;
import static io.onekey.server.DispatchFixture.offeredProviders;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator on a night shift relies on: a crew's position is never invented, hand
 * dispatch shows who fits, a second resource can join a job, and routing does not wait on crews
 * that are off duty or cannot hear the offer.
 */
class OperatorGradeDispatchTest {

    private DispatchFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new DispatchFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static List<String> notes(JsonObject alert, String action) {
        return alert.getJsonArray("history").stream().map(h -> (JsonObject) h)
                .filter(h -> action.equals(h.getString("action"))).map(h -> h.getString("note")).toList();
    }

    @Test
    void progressWithoutAPositionIsRecordedAsPositionUnavailableNotAsTheResidentsPosition() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String near = fx.token("provider", "P-NEAR");
        assertEquals(200, fx.post("/api/offers/" + offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject()).statusCode());
        HttpResponse<String> enRoute = fx.post("/api/alerts/" + id + "/en-route", near, new JsonObject());
        assertEquals(200, enRoute.statusCode(), enRoute.body());
        HttpResponse<String> arrived = fx.post("/api/alerts/" + id + "/on-scene", near, new JsonObject());
        assertEquals(200, arrived.statusCode(), arrived.body());
        JsonObject alert = new JsonObject(arrived.body());
        assertEquals(List.of("position unavailable"), notes(alert, "en-route"));
        assertEquals(List.of("position unavailable"), notes(alert, "on_scene"));
        assertFalse(alert.encode().contains("m from the resident"), "no distance is claimed without a position");
        assertFalse(alert.getJsonObject("flags").getBoolean("onSceneFar"));
    }

    @Test
    void aHalfGivenPositionIsStillRefused() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String near = fx.token("provider", "P-NEAR");
        fx.post("/api/offers/" + offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject());
        HttpResponse<String> half = fx.post("/api/alerts/" + id + "/en-route", near, new JsonObject().put("lat", 30.27));
        assertEquals(400, half.statusCode(), half.body());
    }

    @Test
    void handDispatchCandidatesAreRankedByFitnessAndAMisfitIsMarked() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        HttpResponse<String> response = TestClients.get(fx.running.http("/api/alerts/" + id + "/candidates"), fx.token("operator", "olga"));
        assertEquals(200, response.statusCode(), response.body());
        JsonArray items = new JsonObject(response.body()).getJsonArray("items");
        List<String> order = items.stream().map(o -> ((JsonObject) o).getString("providerId")).toList();
        assertEquals(List.of("P-MID", "P-FAR", "P-MEALS"), order.subList(1, 4),
                "emergency crews by distance, the meals service last");
        JsonObject first = items.getJsonObject(0);
        assertEquals("P-NEAR", first.getString("providerId"));
        assertEquals(1, first.getInteger("load"), "its pending offer counts");
        assertTrue(first.getBoolean("matchesService"));
        assertTrue(first.getBoolean("onDuty"));
        JsonObject meals = items.getJsonObject(3);
        assertFalse(meals.getBoolean("matchesService"));
        assertEquals("EMERGENCY", meals.getString("service"));
        assertTrue(meals.getLong("distanceMeters") < first.getLong("distanceMeters"),
                "the meals service is nearer, and still listed last");
    }

    @Test
    void candidatesAreForStaffOnly() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        HttpResponse<String> asProvider = TestClients.get(fx.running.http("/api/alerts/" + id + "/candidates"),
                fx.token("provider", "P-NEAR"));
        assertEquals(403, asProvider.statusCode());
        assertTrue(asProvider.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
    }

    @Test
    void aSecondResourceJoinsAnAcceptedJobWithoutWithdrawingTheFirst() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String near = fx.token("provider", "P-NEAR");
        String mid = fx.token("provider", "P-MID");
        assertEquals(200, fx.post("/api/offers/" + offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject()).statusCode());
        HttpResponse<String> second = fx.operator(id, "dispatch", new JsonObject().put("providerId", "P-MID"));
        assertEquals(200, second.statusCode(), second.body());
        HttpResponse<String> accepted = fx.post("/api/offers/" + offerTo(fx.alert(id), "P-MID") + "/accept", mid, new JsonObject());
        assertEquals(200, accepted.statusCode(), accepted.body());
        JsonObject alert = new JsonObject(accepted.body());
        assertEquals(List.of("ACCEPTED", "ACCEPTED"), alert.getJsonArray("offers").stream()
                .map(o -> ((JsonObject) o).getString("state")).toList(), "both crews are on the job");
        assertEquals("ACCEPTED", alert.getString("state"));

        assertEquals(200, fx.post("/api/alerts/" + id + "/on-scene", mid, new JsonObject()).statusCode(),
                "the second crew reports progress too");
        assertEquals(200, fx.post("/api/alerts/" + id + "/on-scene", near, new JsonObject()).statusCode());
        HttpResponse<String> secondDone = fx.post("/api/alerts/" + id + "/complete", mid, new JsonObject().put("note", "dressing changed"));
        assertEquals("ON_SCENE", new JsonObject(secondDone.body()).getString("state"), "the first crew is still there");
        HttpResponse<String> firstDone = fx.post("/api/alerts/" + id + "/complete", near, new JsonObject());
        assertEquals("RESOLVED", new JsonObject(firstDone.body()).getString("state"));
    }

    @Test
    void anOffDutyProviderIsSkippedAndSwitchesItselfOnDutyAgain() throws Exception {
        String near = fx.token("provider", "P-NEAR");
        HttpResponse<String> off = TestClients.send("PUT", fx.running.http("/api/providers/P-NEAR/duty"), near, "{\"onDuty\":false}");
        assertEquals(200, off.statusCode(), off.body());
        assertEquals("OFF_DUTY", new JsonObject(off.body()).getString("status"));
        fx.sos();
        JsonObject alert = fx.awaitAlert("SOS");
        assertEquals(List.of("P-MID"), offeredProviders(alert), "the off-duty crew is not offered the job");

        HttpResponse<String> on = TestClients.send("PUT", fx.running.http("/api/providers/P-NEAR/duty"), near, "{\"onDuty\":true}");
        assertTrue(new JsonObject(on.body()).getBoolean("onDuty"));
        HttpResponse<String> read = TestClients.get(fx.running.http("/api/providers/P-NEAR/duty"), near);
        assertTrue(new JsonObject(read.body()).getBoolean("onDuty"));
    }

    @Test
    void aProviderCannotSwitchAnotherProvidersDutyNorCanAnOperator() throws Exception {
        HttpResponse<String> other = TestClients.send("PUT", fx.running.http("/api/providers/P-MID/duty"),
                fx.token("provider", "P-NEAR"), "{\"onDuty\":false}");
        assertEquals(404, other.statusCode(), "to another provider it does not exist");
        HttpResponse<String> operator = TestClients.send("PUT", fx.running.http("/api/providers/P-MID/duty"),
                fx.token("operator", "olga"), "{\"onDuty\":false}");
        assertEquals(403, operator.statusCode());
        HttpResponse<String> bad = TestClients.send("PUT", fx.running.http("/api/providers/P-MID/duty"),
                RunningServer.ADMIN_TOKEN, "{\"onDuty\":\"no\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("onDuty"), bad.body());
    }

    @Test
    void aConnectedCrewIsOfferedBeforeANearerOneThatCannotHear() throws Exception {
        TestClients.FeedClient midScreen = fx.feed("provider", "P-MID");
        fx.sos();
        JsonObject alert = fx.awaitAlert("SOS");
        assertEquals(List.of("P-MID"), offeredProviders(alert), "P-NEAR is nearer but has no connection and no webhook");
        await().until(() -> midScreen.received("offer"));
    }

    @Test
    void whenNobodyReachableIsNearTheNearestIsOfferedBrieflyAndTheSupervisorTold() throws Exception {
        TestClients.FeedClient supervisor = fx.feed("supervisor", "sue");
        fx.sos();
        JsonObject alert = fx.awaitAlert("SOS");
        JsonObject offer = alert.getJsonArray("offers").getJsonObject(0);
        assertEquals("P-NEAR", offer.getString("providerId"));
        assertEquals(Duration.ofSeconds(10), Duration.between(java.time.Instant.parse(offer.getString("offeredAt")),
                java.time.Instant.parse(offer.getString("expiresAt"))));
        await().until(() -> supervisor.messages.stream().anyMatch(m -> "escalation".equals(m.getString("type"))
                && m.getString("reason").contains("no reachable emergency provider")));
        fx.clock.advance(Duration.ofSeconds(11));
        await().until(() -> offeredProviders(fx.alert(alert.getString("id"))).equals(List.of("P-NEAR", "P-MID")));
    }
    @Test
    void aHandDispatchIsNotCountedAsTheSystemsReceivedToOfferedTime() throws Exception {
        fx.alarm(io.onekey.device.event.Protocol.WATCH, DispatchFixture.WATCH, io.onekey.device.event.AlarmKind.LOW_BATTERY,
                java.util.Optional.empty());
        String id = fx.awaitAlert("LOW_BATTERY").getString("id");
        assertTrue(fx.alert(id).getJsonArray("offers").isEmpty(), "a technical alert is not routed");
        long before = fx.running.server.sla().count(io.onekey.monitoring.SlaStage.RECEIVED_TO_OFFERED);
        fx.clock.advance(Duration.ofMinutes(3));
        assertEquals(200, fx.operator(id, "dispatch", new JsonObject().put("providerId", "P-NEAR")).statusCode());
        assertEquals(before, fx.running.server.sla().count(io.onekey.monitoring.SlaStage.RECEIVED_TO_OFFERED),
                "three minutes of a person's time are not system latency");

        fx.sos();
        fx.awaitAlert("SOS");
        await().until(() -> fx.running.server.sla().count(io.onekey.monitoring.SlaStage.RECEIVED_TO_OFFERED) == before + 1);
    }
    @Test
    void operatorsSeeWhoElseIsSignedInButNotTheCrews() throws Exception {
        TestClients.FeedClient olga = fx.feed("operator", "olga");
        TestClients.FeedClient sue = fx.feed("supervisor", "sue");
        TestClients.FeedClient crew = fx.feed("provider", "P-NEAR");
        String token = fx.token("operator", "oscar");
        await().until(() -> new JsonObject(TestClients.get(fx.running.http("/api/operators/online"), token).body())
                .getJsonArray("items").size() == 2);
        JsonArray online = new JsonObject(TestClients.get(fx.running.http("/api/operators/online"), token).body()).getJsonArray("items");
        assertEquals(new JsonObject().put("role", "operator").put("subject", "olga"), online.getJsonObject(0));
        assertEquals(new JsonObject().put("role", "supervisor").put("subject", "sue"), online.getJsonObject(1));
        assertEquals(403, TestClients.get(fx.running.http("/api/operators/online"), fx.token("provider", "P-NEAR")).statusCode());
        assertTrue(olga.messages.size() + sue.messages.size() + crew.messages.size() >= 3, "all three were greeted");
    }

    @Test
    void anAlertIsHandedToAnOperatorAndTheHistorySaysByWhom() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        HttpResponse<String> assigned = fx.post("/api/alerts/" + id + "/assign", fx.token("operator", "olga"),
                new JsonObject().put("operator", "oscar"));
        assertEquals(200, assigned.statusCode(), assigned.body());
        JsonObject alert = new JsonObject(assigned.body());
        assertEquals("oscar", alert.getString("assignedTo"));
        assertEquals(List.of("oscar"), notes(alert, "assigned"));
        assertEquals(400, fx.post("/api/alerts/" + id + "/assign", RunningServer.ADMIN_TOKEN, new JsonObject()).statusCode());
        assertEquals(403, fx.post("/api/alerts/" + id + "/assign", fx.token("provider", "P-NEAR"),
                new JsonObject().put("operator", "oscar")).statusCode());
        fx.operator(id, "cancel", new JsonObject().put("reason", "test"));
        assertEquals(409, fx.post("/api/alerts/" + id + "/assign", RunningServer.ADMIN_TOKEN,
                new JsonObject().put("operator", "olga")).statusCode(), "a closed alert is handed to nobody");
    }

    @Test
    void theConsoleIsToldWhenAnAlertCountsAsUntouched() throws Exception {
        HttpResponse<String> config = TestClients.get(fx.running.http("/console/config.json"), null);
        assertEquals(600, new JsonObject(config.body()).getInteger("untouchedAfterSeconds"));
    }
}
