package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServer;
import io.onekey.dispatcher.care.EmergencyHandOff;
import io.onekey.dispatcher.notify.WebhookSigner;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The care services through the API of a whole server: a phone-in request for a time, the
 * provider organisation and its worker, the family's view (and nothing beyond it), the family's
 * e-mail through a real SMTP server, and the hand-off to emergency services.
 */
class CareServicesTest {

    private static final String SECRET = "handoff-secret-0123456789";

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> handOffs = new CopyOnWriteArrayList<>();
    /** How many of the next hand-offs the emergency-services end answers 503 (down). */
    private final java.util.concurrent.atomic.AtomicInteger failNext = new java.util.concurrent.atomic.AtomicInteger();
    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private HttpServer emergencyServices;
    private DispatchFixture fx;

    private record Received(MultiMap headers, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        smtp.start();
        emergencyServices = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            handOffs.add(new Received(req.headers(), body.toString()));
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                req.response().setStatusCode(503).end("down for maintenance");
                return;
            }
            req.response().putHeader("Content-Type", "application/json").end("{\"incident\":\"120-0042\"}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        java.util.Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "care.tickInterval", "20ms",
                "care.handOff.url", "http://127.0.0.1:" + emergencyServices.actualPort() + "/120",
                "care.handOff.secret", SECRET,
                "care.handOff.after", "5m",
                "care.handOff.kinds", "FALL",
                "care.handOff.retryAfter", "100ms",
                "dispatch.webhook.allowPrivateTargets", "127.0.0.1",
                "care.mail.host", "127.0.0.1",
                "care.mail.port", Integer.toString(smtp.getSmtp().getPort()),
                "care.mail.from", "onekey@care.example"));
        settings.put("care.familyRetryAfter", "50ms");
        fx = new DispatchFixture(settings);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        smtp.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static final String ADMIN = RunningServer.ADMIN_TOKEN;

    private HttpResponse<String> get(String path, String token) throws Exception {
        return TestClients.get(fx.running.http(path), token);
    }

    private HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
        return fx.post(path, token, body);
    }

    private HttpResponse<String> put(String path, String token, JsonObject body) throws Exception {
        return TestClients.HTTP.send(HttpRequest.newBuilder(fx.running.http(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject ok(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private String family(String id, String residentId, String email) throws Exception {
        ok(put("/api/care/family/" + id, ADMIN, new JsonObject().put("name", "Wang Lei")
                .put("residentIds", new JsonArray().add(residentId)).put("email", email)), 200);
        return ok(post("/api/care/family/" + id + "/tokens", ADMIN, new JsonObject()), 201).getString("token");
    }

    private JsonObject request(String id) throws Exception {
        return ok(get("/api/care/requests/" + id, ADMIN), 200);
    }

    @Test
    void aPhoneInRequestForNoonIsOfferedAheadOfItsWindowAndStaffedArrivedAndRated() throws Exception {
        Instant noon = Instant.parse("2026-11-29T12:00:00Z");
        JsonObject filed = ok(post("/api/care/requests", ADMIN, new JsonObject().put("residentId", "R1").put("type", "meals")
                .put("windowStart", noon.toString()).put("note", "no salt")), 201);
        String id = filed.getString("id");
        assertEquals("SCHEDULED", filed.getString("state"));
        assertEquals("phone", filed.getString("channel"));
        assertEquals("2026-11-29T12:15:00Z", filed.getString("arriveBy"));
        fx.clock.set(noon.minus(Duration.ofMinutes(45)));
        await().atMost(Duration.ofSeconds(10)).until(() -> request(id).getString("state").equals("OFFERED"));
        assertEquals("P-MEALS", request(id).getJsonArray("offers").getJsonObject(0).getString("providerId"));

        String meals = fx.token("provider", "P-MEALS");
        JsonArray mine = ok(get("/api/care/requests", meals), 200).getJsonArray("items");
        assertEquals(1, mine.size());
        assertEquals("12 Lotus Lane, Flat 3", mine.getJsonObject(0).getJsonObject("resident").getString("address"));
        ok(post("/api/care/requests/" + id + "/accept", meals, new JsonObject()), 200);
        ok(put("/api/care/providers/P-MEALS/staff", meals, new JsonObject().put("workers",
                new JsonArray().add(new JsonObject().put("id", "W-LIU").put("name", "Liu Yang")))), 200);
        assertEquals(400, post("/api/care/requests/" + id + "/assign", meals, new JsonObject().put("workerId", "W-NOBODY"))
                .statusCode());
        ok(post("/api/care/requests/" + id + "/assign", meals, new JsonObject().put("workerId", "W-LIU")), 200);
        fx.clock.set(noon.plus(Duration.ofMinutes(10)));
        JsonObject arrived = ok(post("/api/care/requests/" + id + "/arrive", meals,
                new JsonObject().put("lat", 30.2742).put("lon", 120.1551)), 200);
        assertEquals(true, arrived.getBoolean("onTime"));
        ok(post("/api/care/requests/" + id + "/complete", meals, new JsonObject().put("note", "delivered")), 200);

        String son = family("F1", "R1", null);
        JsonObject rating = ok(post("/api/care/requests/" + id + "/rating", son,
                new JsonObject().put("stars", 5).put("comment", "warm and on time")), 201);
        assertEquals("family:F1", rating.getString("ratedBy"));
        assertEquals(409, post("/api/care/requests/" + id + "/rating", son, new JsonObject().put("stars", 1)).statusCode());
        JsonObject ratings = ok(get("/api/care/ratings", ADMIN), 200).getJsonArray("items").getJsonObject(0);
        assertEquals("P-MEALS", ratings.getString("providerId"));
        assertEquals(5.0, ratings.getDouble("average"));
        JsonObject sla = ok(get("/api/care/sla?from=2026-11-29T00:00:00Z&to=2026-11-30T00:00:00Z", ADMIN), 200)
                .getJsonArray("groups").getJsonObject(0);
        assertEquals("meals", sla.getString("type"));
        assertEquals(1, sla.getInteger("onTime"));
    }

    @Test
    void aFamilyTokenSeesItsRelativeAndNothingOfAnotherResident() throws Exception {
        String other = ok(post("/api/care/requests", ADMIN, new JsonObject().put("residentId", "R2").put("type", "visit")
                .put("windowStart", "2026-11-30T09:00:00Z")), 201).getString("id");
        String son = family("F1", "R1", null);
        JsonObject own = ok(post("/api/care/requests", son, new JsonObject().put("residentId", "R1").put("type", "haircut")
                .put("windowStart", "2026-11-30T15:00:00Z")), 201);
        assertEquals("family", own.getString("channel"));
        assertEquals(404, post("/api/care/requests", son, new JsonObject().put("residentId", "R2").put("type", "meals"))
                .statusCode());
        assertEquals(404, get("/api/care/requests/" + other, son).statusCode());
        assertEquals(404, post("/api/care/requests/" + other + "/cancel", son, new JsonObject()).statusCode());
        assertEquals(404, get("/api/care/residents/R2/preferences", son).statusCode());
        assertEquals(List.of(own.getString("id")), ok(get("/api/care/requests", son), 200).getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("id")).toList());
        for (String path : List.of("/api/alerts", "/api/residents", "/api/residents/R2", "/api/providers", "/api/sla",
                "/api/care/ratings", "/api/care/family")) {
            assertEquals(403, get(path, son).statusCode(), path);
        }
        fx.sos();
        fx.awaitAlert("SOS");
        fx.alarm(Protocol.DC09, "7788", AlarmKind.FALL, Optional.empty());
        fx.awaitAlert("FALL");
        JsonArray page = ok(get("/api/family/residents", son), 200).getJsonArray("items");
        assertEquals(1, page.size());
        JsonObject card = page.getJsonObject(0);
        assertEquals("R1", card.getString("id"));
        assertEquals("alert", card.getString("status"));
        assertEquals(List.of("SOS"), card.getJsonArray("openAlerts").stream().map(o -> ((JsonObject) o).getString("kind")).toList());
        assertTrue(card.getJsonArray("openAlerts").getJsonObject(0).getJsonArray("history") == null,
                "the call centre's notes are not the family's");
        assertEquals(403, get("/api/family/residents", ADMIN).statusCode(), "the family page is a relative's only");
    }

    @Test
    void aLifeThreateningAlarmAndItsResolutionAreMailedToTheFamilyThroughARealSmtpServer() throws Exception {
        family("F1", "R1", "lei@family.example");
        family("F2", "R2", "someone@family.example");
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        MimeMessage alarm = smtp.getReceivedMessages()[0];
        assertEquals("lei@family.example", alarm.getAllRecipients()[0].toString());
        assertEquals("OneKey: sos alarm for Wang Fang", alarm.getSubject());
        ok(fx.operator(id, "resolve", new JsonObject().put("note", "false alarm, checked by phone")), 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
        assertEquals("OneKey: the sos alarm for Wang Fang is resolved", smtp.getReceivedMessages()[1].getSubject());
    }

    @Test
    void aRelativesAppThatIsDownForAMomentStillHearsOfTheAlarm() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refuse = new java.util.concurrent.atomic.AtomicInteger(2);
        HttpServer app = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            received.add(body.toString());
            req.response().setStatusCode(refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            ok(put("/api/care/family/F1", ADMIN, new JsonObject().put("name", "Wang Lei")
                    .put("residentIds", new JsonArray().add("R1"))
                    .put("webhookUrl", "http://127.0.0.1:" + app.actualPort() + "/onekey")
                    .put("webhookSecret", "family-app-secret-0123")), 200);
            fx.sos();
            String id = fx.awaitAlert("SOS").getString("id");
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
            assertEquals(3, received.size(), "refused twice, answered the third time, then no more: " + received);
            received.forEach(body -> assertEquals(id, new JsonObject(body).getString("alertId")));
            assertEquals("alarm", new JsonObject(received.get(2)).getString("type"));
        } finally {
            app.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHandOffThatDidNotReachEmergencyServicesIsSentAgainUntilTheyAnswer() throws Exception {
        failNext.set(2);
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        ok(post("/api/alerts/" + id + "/emergency-services", ADMIN, new JsonObject()), 200);
        await().atMost(Duration.ofSeconds(20)).until(() -> notes(id).stream().anyMatch(n -> n.contains("(attempt 1)")));
        fx.clock.advance(Duration.ofMillis(100)); // care.handOff.retryAfter
        await().atMost(Duration.ofSeconds(20)).until(() -> notes(id).stream().anyMatch(n -> n.contains("(attempt 2)")));
        fx.clock.advance(Duration.ofMillis(200)); // twice as long after the second failure
        await().atMost(Duration.ofSeconds(20)).until(() -> notes(id).stream().anyMatch(n -> n.contains("120-0042")));
        assertEquals(3, handOffs.size(), "two refused, the third answered");
        List<String> lines = notes(id).stream().filter(n -> n.startsWith("emergency services")).toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("emergency services not reached (attempt 1): HTTP 503"), lines.get(0));
        assertTrue(lines.get(1).startsWith("emergency services not reached (attempt 2)"), lines.get(1));
        assertTrue(lines.get(2).startsWith("emergency services answered: HTTP 200"), lines.get(2));
        assertEquals(id, new JsonObject(handOffs.get(2).body()).getString("alertId"));
        // Answered: handed off once, so a click now is refused and nothing more is sent.
        assertEquals(409, post("/api/alerts/" + id + "/emergency-services", ADMIN, new JsonObject()).statusCode());
        assertEquals(3, handOffs.size());
    }

    private List<String> notes(String id) throws Exception {
        return fx.alert(id).getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("note"))
                .filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void anOperatorHandsAnAlertToEmergencyServicesWithTheResidentsRecordSignedAndOnce() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        ok(post("/api/alerts/" + id + "/emergency-services", ADMIN, new JsonObject()), 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> handOffs.size() == 1);
        Received sent = handOffs.get(0);
        long timestamp = Long.parseLong(sent.headers().get(WebhookSigner.TIMESTAMP_HEADER));
        assertEquals(WebhookSigner.sign(SECRET, timestamp, sent.body()), sent.headers().get(WebhookSigner.SIGNATURE_HEADER));
        JsonObject body = new JsonObject(sent.body());
        assertEquals(id, body.getString("alertId"));
        assertEquals("Wang Fang", body.getJsonObject("resident").getString("name"));
        assertEquals("Type 2 diabetes; pacemaker", body.getJsonObject("resident").getString("medicalNotes"));
        assertEquals("+86 138 0000 0001", body.getJsonObject("resident").getJsonArray("emergencyContacts").getJsonObject(0)
                .getString("phone"));
        assertTrue(body.containsKey("position"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.alert(id).getJsonArray("history").stream()
                .map(h -> ((JsonObject) h).getString("note")).anyMatch(n -> n != null && n.contains("120-0042")));
        assertEquals(409, post("/api/alerts/" + id + "/emergency-services", ADMIN, new JsonObject()).statusCode());
        assertEquals(1, handOffs.size());
    }

    @Test
    void aHandOffRingsTheWatchAndRecordsItWhileAPendantWithoutRingIsLeftAlone() throws Exception {
        try (WatchTerminal watch = new WatchTerminal(fx.running.server.port(GatewayServer.Listener.WATCH_TCP))) {
            assertEquals("[3G*6907919734*0002*AL]", watch.sos());
            String id = fx.awaitAlert("SOS").getString("id");

            ok(post("/api/alerts/" + id + "/emergency-services", ADMIN, new JsonObject()), 200);

            assertEquals("[3G*6907919734*0004*FIND]", watch.read());
            watch.send("[3G*6907919734*0004*FIND]");
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.alert(id).getJsonArray("history").stream()
                    .map(h -> (JsonObject) h).anyMatch(h -> EmergencyHandOff.RING.equals(h.getString("action"))
                            && "ring the terminal: sent to the device".equals(h.getString("note"))));
        }
        fx.alarm(Protocol.GT06, DispatchFixture.PENDANT, AlarmKind.FALL, Optional.empty());
        String fall = fx.awaitAlert("FALL").getString("id");
        ok(post("/api/alerts/" + fall + "/emergency-services", ADMIN, new JsonObject()), 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.alert(fall).getJsonArray("history").stream()
                .map(h -> ((JsonObject) h).getString("note")).anyMatch(n -> n != null && n.contains("120-0042")));
        assertTrue(fx.alert(fall).getJsonArray("history").stream()
                .noneMatch(h -> EmergencyHandOff.RING.equals(((JsonObject) h).getString("action"))), "GT06 has no ring command");
    }

    @Test
    void aFallNoCrewAcceptedIsHandedOffAfterTheConfiguredTimeOnlyOnce() throws Exception {
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.FALL, Optional.empty());
        String id = fx.awaitAlert("FALL").getString("id");
        fx.clock.advance(Duration.ofMinutes(4));
        fx.sos();
        fx.clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> handOffs.size() == 1);
        assertEquals(id, new JsonObject(handOffs.get(0).body()).getString("alertId"), "an SOS is not a configured kind here");
        assertTrue(new JsonObject(handOffs.get(0).body()).getString("reason").contains("no crew accepted within 5 min"));
        fx.clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.alert(id).getJsonArray("history").stream()
                .anyMatch(h -> ((JsonObject) h).getString("note") != null && ((JsonObject) h).getString("note").contains("answered")));
        assertEquals(1, handOffs.size());
    }

    @Test
    void aDailyCaringCallIsFiledOnTimeAndTheCareTeamIsVisibleToTheFamily() throws Exception {
        ok(put("/api/care/residents/R1/team", ADMIN, new JsonObject().put("members", new JsonArray()
                .add(new JsonObject().put("name", "Zhou Min").put("role", "social_worker").put("phone", "+86 131 0000 0007")))), 200);
        ok(put("/api/care/schedules/daily-call", ADMIN, new JsonObject().put("residentId", "R1").put("type", "caring-call")
                .put("at", "09:00").put("window", "PT30M")), 200);
        String son = family("F1", "R1", null);
        assertEquals("Zhou Min", ok(get("/api/care/residents/R1/team", son), 200).getJsonArray("members")
                .getJsonObject(0).getString("name"));
        assertEquals(404, get("/api/care/residents/R2/team", son).statusCode());
        fx.clock.set(Instant.parse("2026-11-30T07:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/care/requests/S-daily-call-20261130", ADMIN).statusCode() == 200);
        JsonObject call = request("S-daily-call-20261130");
        assertEquals("schedule", call.getString("channel"));
        assertEquals("2026-11-30T09:00:00Z", call.getString("windowStart"));
        fx.clock.set(Instant.parse("2026-11-30T08:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> request("S-daily-call-20261130").getString("state").equals("UNASSIGNED"));
    }
}
