package io.onekey.server;

import static io.onekey.server.DispatchFixture.offerTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may see and do what: a provider only its own offers and the residents of its jobs. */
class AuthorizationTest {

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
    void aProviderCannotReadOrAnswerAnotherProvidersOffer() throws Exception {
        fx.sos();
        JsonObject alert = fx.awaitAlert("SOS");
        String farToken = fx.token("provider", "P-FAR");
        String nearToken = fx.token("provider", "P-NEAR");

        JsonObject farOffers = new JsonObject(TestClients.get(fx.running.http("/api/offers"), farToken).body());
        assertEquals(0, farOffers.getJsonArray("items").size(), "P-FAR sees no offer of P-NEAR's");
        JsonObject nearOffers = new JsonObject(TestClients.get(fx.running.http("/api/offers"), nearToken).body());
        assertEquals(1, nearOffers.getJsonArray("items").size());

        String offer = offerTo(alert, "P-NEAR");
        assertEquals(404, fx.post("/api/offers/" + offer + "/accept", farToken, new JsonObject()).statusCode());
        assertEquals(404, TestClients.get(fx.running.http("/api/alerts/" + alert.getString("id")), farToken).statusCode());
        assertEquals(200, TestClients.get(fx.running.http("/api/alerts/" + alert.getString("id")), nearToken).statusCode());
    }

    @Test
    void aProviderReadsOnlyTheResidentsOfItsJobs() throws Exception {
        String nearToken = fx.token("provider", "P-NEAR");
        assertEquals(404, TestClients.get(fx.running.http("/api/residents/R1"), nearToken).statusCode(), "no job yet");
        fx.sos();
        fx.awaitAlert("SOS");
        HttpResponse<String> resident = TestClients.get(fx.running.http("/api/residents/R1"), nearToken);
        assertEquals(200, resident.statusCode());
        assertTrue(resident.body().contains("pacemaker"), "the crew sees the medical notes");
        assertEquals(404, TestClients.get(fx.running.http("/api/residents/R2"), nearToken).statusCode());
        assertEquals(403, TestClients.get(fx.running.http("/api/residents"), nearToken).statusCode());
        assertEquals(403, TestClients.get(fx.running.http("/api/alerts"), nearToken).statusCode());
    }

    @Test
    void rolesGateTheOperatorsActionsAndTheDirectory() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        String provider = fx.token("provider", "P-NEAR");
        String operator = fx.token("operator", "olga");
        assertEquals(403, fx.post("/api/alerts/" + id + "/acknowledge", provider, new JsonObject()).statusCode());
        assertEquals(200, fx.post("/api/alerts/" + id + "/acknowledge", operator, new JsonObject()).statusCode());
        assertEquals(403, fx.post("/api/tokens", operator, new JsonObject().put("role", "admin").put("subject", "me")).statusCode());
        var refused = fx.running.server.registry().find("onekey.auth.failures").tag("reason", "forbidden").counter();
        assertTrue(refused != null && refused.count() >= 2, "misuse is counted");
    }

    @Test
    void aProviderTokenMustNameAProviderAndA401SaysHowToAuthenticate() throws Exception {
        HttpResponse<String> typo = fx.post("/api/tokens", RunningServer.ADMIN_TOKEN,
                new JsonObject().put("role", "provider").put("subject", "P-NAER"));
        assertEquals(400, typo.statusCode());
        assertTrue(new JsonObject(typo.body()).getString("detail").contains("no provider P-NAER"));
        HttpResponse<String> anonymous = TestClients.get(fx.running.http("/api/alerts"), null);
        assertEquals("Bearer realm=\"onekey\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void aRevokedTokenNoLongerWorks() throws Exception {
        HttpResponse<String> created = fx.post("/api/tokens", RunningServer.ADMIN_TOKEN,
                new JsonObject().put("role", "operator").put("subject", "temp"));
        JsonObject token = new JsonObject(created.body());
        assertEquals(200, TestClients.get(fx.running.http("/api/alerts"), token.getString("token")).statusCode());
        HttpResponse<String> revoked = TestClients.HTTP.send(HttpRequest.newBuilder(fx.running.http("/api/tokens/" + token.getString("id")))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, revoked.statusCode());
        assertEquals(401, TestClients.get(fx.running.http("/api/alerts"), token.getString("token")).statusCode());
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        String big = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
        HttpResponse<String> response = TestClients.post(fx.running.http("/api/alerts/A1/notes"), RunningServer.ADMIN_TOKEN, big);
        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aReconnectingClientGetsEveryChangeItMissedInOrder() throws Exception {
        TestClients.FeedClient first = fx.feed("operator", "olga");
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        await().until(() -> first.received("alert"));
        long lastSeen = first.messages.stream().mapToLong(m -> m.getLong("seq", -1L)).max().orElseThrow();
        first.socket.abort();

        fx.operator(id, "acknowledge", new JsonObject());
        fx.operator(id, "notes", new JsonObject().put("text", "called the son"));

        String token = fx.token("operator", "olga2");
        TestClients.FeedClient again = TestClients.FeedClient.connect(fx.running.ws("/ws?since=" + lastSeen), token);
        await().until(() -> again.messages.stream().filter(m -> "alert".equals(m.getString("type"))).count() >= 2);
        List<Long> seqs = again.messages.stream().filter(m -> "alert".equals(m.getString("type")))
                .map(m -> m.getLong("seq")).toList();
        assertTrue(seqs.get(0) > lastSeen, "only what was missed");
        // Cut off again during the replay, a client that took its position from the greeting must still ask from lastSeen.
        assertEquals(lastSeen, again.messages.get(0).getLong("seq"), "the greeting carries the client's own since: " + again.messages.get(0));
        assertEquals(seqs.stream().sorted().toList(), seqs, "in order");
        assertTrue(again.messages.stream().anyMatch(m -> m.getJsonObject("alert") != null
                && m.getJsonObject("alert").encode().contains("called the son")));
    }
}
