package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.testing.RedisForTests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parts of an installation as separate nodes on one Redis: a press taken by the gateway
 * node is stored, consumed by the dispatcher node, and seen on the API node, where the crew
 * connected gets its offer; an operator's action on the API node reaches the dispatcher node.
 */
class ScaleOutTest {

    private final List<RunningServer> nodes = new ArrayList<>();
    private String namespace;
    private RunningServer gateway;
    private RunningServer dispatcher;
    private RunningServer api;

    @BeforeEach
    void start() throws Exception {
        RedisForTests.require();
        namespace = RedisForTests.freshNamespace();
        dispatcher = node("dispatcher");
        gateway = node("gateway");
        api = node("api");
    }

    private RunningServer node(String role) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("store.type", "redis");
        settings.put("store.redis.url", RedisForTests.URL);
        settings.put("store.redis.namespace", namespace);
        settings.put("role", role);
        RunningServer node = RunningServer.start(settings);
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stop() {
        nodes.forEach(RunningServer::close);
        if (namespace != null) {
            RedisForTests.drop(namespace);
        }
    }

    @Test
    void aLocateOnTheApiNodeReachesTheWatchConnectedToTheGatewayNode() throws Exception {
        try (WatchTerminal watch = new WatchTerminal(gateway.server.port(GatewayServer.Listener.WATCH_TCP))) {
            assertEquals("[3G*6907919734*0002*AL]", watch.sos());
            String id = onlyAlert(api).getString("id");

            HttpResponse<String> locate = TestClients.post(api.http("/api/alerts/" + id + "/locate"), RunningServer.ADMIN_TOKEN, "{}");

            assertEquals(200, locate.statusCode(), locate.body());
            assertEquals("SENT", new JsonObject(locate.body()).getString("outcome"), "the gateway node holding the watch sent it");
            assertEquals("[3G*6907919734*0002*CR]", watch.read());
            watch.position(39.915000, 116.404000);
            await().atMost(Duration.ofSeconds(10)).until(() -> onlyAlert(api).getJsonObject("position").getDouble("lat") == 39.915);
            assertTrue(onlyAlert(api).getJsonArray("history").encode().contains("fresh fix 39.91500, 116.40400 (GPS)"));
        }
    }

    @Test
    void aLocateForATerminalNoGatewayHoldsIsNotConnectedAfterABoundedWait() throws Exception {
        try (WatchTerminal watch = new WatchTerminal(gateway.server.port(GatewayServer.Listener.WATCH_TCP))) {
            assertEquals("[3G*6907919734*0002*AL]", watch.sos());
        }
        String id = onlyAlert(api).getString("id");
        // The watch hung up: once its connection is gone, no gateway answers for it.
        await().atMost(Duration.ofSeconds(10)).until(() -> new JsonObject(TestClients.post(api.http("/api/alerts/" + id + "/locate"),
                RunningServer.ADMIN_TOKEN, "{}").body()).getString("outcome").equals("NOT_CONNECTED"));
    }

    @Test
    void aPressOnTheGatewayNodeIsDispatchedAndSeenOnTheApiNode() throws Exception {
        TestClients.FeedClient crew = TestClients.FeedClient.connect(api.ws("/ws"), providerToken(api, "P-NEAR"));
        await().atMost(Duration.ofSeconds(10)).until(() -> crew.received("hello"));
        assertEquals(-1, api.server.port(GatewayServer.Listener.WATCH_TCP), "an API node runs no gateway");

        String reply = TestClients.sendWatchFrame(gateway.server.port(GatewayServer.Listener.WATCH_TCP),
                CapturedFrames.watchSos().bytes());
        assertEquals("[3G*6907919734*0002*AL]", reply, "the gateway answers once the event is in Redis");

        await().atMost(Duration.ofSeconds(10)).until(() -> crew.received("offer"));
        JsonObject alert = onlyAlert(api);
        assertEquals("DISPATCHED", alert.getString("state"));
        assertEquals("P-NEAR", alert.getJsonArray("offers").getJsonObject(0).getString("providerId"));

        HttpResponse<String> ack = TestClients.post(api.http("/api/alerts/" + alert.getString("id") + "/acknowledge"),
                RunningServer.ADMIN_TOKEN, "{}");
        assertEquals(200, ack.statusCode(), ack.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> onlyAlert(dispatcher).getString("acknowledgedAt") != null);
        assertEquals(1, dispatcher.server.openAlerts());
    }

    private static JsonObject onlyAlert(RunningServer node) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> new JsonObject(TestClients.get(node.http("/api/alerts"),
                RunningServer.ADMIN_TOKEN).body()).getJsonArray("items").size() == 1);
        JsonArray items = new JsonObject(TestClients.get(node.http("/api/alerts"), RunningServer.ADMIN_TOKEN).body()).getJsonArray("items");
        return items.getJsonObject(0);
    }

    private static String providerToken(RunningServer node, String providerId) throws Exception {
        HttpResponse<String> created = TestClients.post(node.http("/api/tokens"), RunningServer.ADMIN_TOKEN,
                new JsonObject().put("role", "provider").put("subject", providerId).encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("token");
    }
}
