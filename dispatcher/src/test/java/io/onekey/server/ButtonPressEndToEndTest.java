package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.testing.CapturedFrames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One button press, end to end over real sockets: a captured watch SOS frame in over TCP,
 * the device's answer out, the alert in the API, the offer on the nearest provider's screen.
 */
class ButtonPressEndToEndTest {

    private RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(Map.of());
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void capturedSosIsAnsweredListedAndOfferedToTheNearestProviderOnly() throws Exception {
        TestClients.FeedClient near = providerFeed("P-NEAR");
        TestClients.FeedClient far = providerFeed("P-FAR");
        await().atMost(Duration.ofSeconds(10)).until(() -> near.received("hello") && far.received("hello"));

        String reply = TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP),
                CapturedFrames.watchSos().bytes());
        assertEquals("[3G*6907919734*0002*AL]", reply);

        await().atMost(Duration.ofSeconds(10)).until(() -> near.received("offer"));
        JsonObject alert = onlyAlert();
        assertEquals("R1", alert.getString("residentId"));
        assertEquals("SOS", alert.getString("kind"));
        assertEquals("P1", alert.getString("priority"));
        assertEquals("DISPATCHED", alert.getString("state"), "a P1 alert is offered at once");
        JsonObject position = alert.getJsonObject("position");
        assertEquals("HOME", position.getString("source"), "the frame had no fix: the home address is used");
        assertEquals(30.2741, position.getDouble("lat"), 1e-9);
        assertEquals(120.1551, position.getDouble("lon"), 1e-9);

        JsonObject offer = near.first("offer");
        assertEquals(alert.getString("id"), offer.getJsonObject("offer").getString("alertId"));
        assertEquals("P-NEAR", offer.getJsonObject("offer").getString("providerId"));
        assertEquals("R1", offer.getJsonObject("alert").getString("residentId"));
        assertEquals(1, alert.getJsonArray("offers").size());
        assertFalse(far.received("offer"), "the farther provider must not be offered the alert");
    }

    @Test
    void alertListNeedsAToken() throws Exception {
        HttpResponse<String> response = TestClients.get(running.http("/api/alerts"), null);
        assertEquals(401, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(401, new JsonObject(response.body()).getInteger("status"));

        HttpResponse<String> wrong = TestClients.get(running.http("/api/alerts"), "not-a-real-token-at-all");
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void providerTokenCannotListAllAlerts() throws Exception {
        HttpResponse<String> response = TestClients.get(running.http("/api/alerts"), providerToken("P-NEAR"));
        assertEquals(403, response.statusCode());
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        assertEquals(200, TestClients.get(running.http("/health/live"), null).statusCode());
        assertEquals(200, TestClients.get(running.http("/health/ready"), null).statusCode());
        HttpResponse<String> metrics = TestClients.get(running.http("/metrics"), null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("onekey_gateway_connections_open"), "gateway meters are exported");
        assertTrue(metrics.body().contains("onekey_sla_compliance"), "SLA meters are exported");
    }

    @Test
    void theOperatorConsoleIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = TestClients.get(running.http("/"), null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("OneKey — operator console"));
    }

    @Test
    void unknownRouteIsAJsonProblem() throws Exception {
        HttpResponse<String> response = TestClients.get(running.http("/nothing/here"), null);
        assertEquals(404, response.statusCode());
        assertEquals("Not found", new JsonObject(response.body()).getString("title"));
    }

    private JsonObject onlyAlert() throws Exception {
        HttpResponse<String> response = TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        JsonArray items = new JsonObject(response.body()).getJsonArray("items");
        assertEquals(1, items.size(), response.body());
        return items.getJsonObject(0);
    }

    private TestClients.FeedClient providerFeed(String providerId) throws Exception {
        return TestClients.FeedClient.connect(running.ws("/ws"), providerToken(providerId));
    }

    private String providerToken(String providerId) throws Exception {
        HttpResponse<String> created = TestClients.post(running.http("/api/tokens"), RunningServer.ADMIN_TOKEN,
                new JsonObject().put("role", "provider").put("subject", providerId).encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("token");
    }
}
