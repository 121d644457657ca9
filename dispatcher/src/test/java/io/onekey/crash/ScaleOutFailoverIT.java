package io.onekey.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.testing.PrivateRedis;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installation scaled out on one Redis, as real processes: two gateways, two dispatchers and
 * an API node, terminals of all three protocols pressing SOS (each press sent until answered,
 * to the other gateway when one does not answer). One node is killed with {@code kill -9}
 * mid-run. Every press a terminal got an answer for becomes exactly one alert, offered exactly
 * once; every alert's acknowledge deadline fires exactly once, on whichever dispatcher claims it.
 */
class ScaleOutFailoverIT {

    static final int RESIDENTS = 3000;
    private static final int TERMINAL_THREADS = 8;
    /** Short, so that every alert's deadline falls due during the test, many of them after the kill. */
    private static final String ACK_DEADLINE = "15s";

    /** Kept when a test fails: the nodes' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private PrivateRedis redis;
    private final List<ServerProcess> nodes = new ArrayList<>();

    @BeforeEach
    void redis() throws Exception {
        PrivateRedis.require();
        redis = new PrivateRedis().start();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(ServerProcess::close);
        redis.close();
    }

    @Test
    void aDispatcherKilledMidRunLosesNothingAndDoublesNothing() throws Exception {
        run("dispatcher");
    }

    @Test
    void aGatewayKilledMidRunLosesNothingAndItsTerminalsGoOnThroughTheOther() throws Exception {
        run("gateway");
    }

    private void run(String victimRole) throws Exception {
        long seed = Long.getLong("onekey.crashSeed", System.nanoTime());
        System.out.println("failover test seed " + seed + " (replay with -Donekey.crashSeed=" + seed + ")");
        Random random = new Random(seed);
        Path directory = ScaleOutTown.write(dir.resolve("town.json"), RESIDENTS);
        ServerProcess dispatcher1 = node("dispatcher", directory, "d1");
        ServerProcess dispatcher2 = node("dispatcher", directory, "d2");
        ServerProcess gateway1 = node("gateway", directory, "g1");
        ServerProcess gateway2 = node("gateway", directory, "g2");
        ServerProcess api = node("api", directory, "api");
        for (ServerProcess node : nodes) {
            node.start();
        }
        ServerProcess victim = victimRole.equals("gateway") ? gateway1 : dispatcher1;

        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        CrashTerminals terminals = new CrashTerminals(List.of(gateway1, gateway2), answered, random);
        terminals.start(TERMINAL_THREADS);
        int beforeKill = 100 + random.nextInt(200);
        await().atMost(Duration.ofMinutes(2)).until(() -> answered.size() >= beforeKill);
        victim.kill();
        long killedAt = System.nanoTime();
        int answeredAtKill = answered.size();
        await().atMost(Duration.ofMinutes(2)).until(() -> answered.size() >= answeredAtKill + 150);
        terminals.stop();
        terminals.resendUnanswered();
        int pressed = answered.size();
        assertTrue(pressed < RESIDENTS, "the town must have a resident for every press");

        await().atMost(Duration.ofMinutes(2)).until(() -> api.alerts().size() >= pressed);
        double allAlertsAfter = (System.nanoTime() - killedAt) / 1e9;

        Map<String, Integer> alertsPerDevice = new TreeMap<>();
        for (JsonObject alert : api.alerts()) {
            alertsPerDevice.merge(alert.getString("deviceId"), 1, Integer::sum);
            assertEquals(1, alert.getInteger("pressCount"), () -> "a retransmission counted as a press: " + alert);
            assertEquals(1, alert.getJsonArray("offers").size(), () -> "offered exactly once: " + alert);
        }
        for (int n : answered) {
            assertEquals(1, alertsPerDevice.getOrDefault(CrashTerminals.deviceId(n), 0),
                    "terminal " + CrashTerminals.deviceId(n) + " was answered; it must have exactly one alert");
        }
        assertEquals(answered.size(), alertsPerDevice.size(), "no alert for a press that was never made");

        // Every acknowledge deadline fires once, those the dead node held included.
        await().atMost(Duration.ofMinutes(2)).until(() -> api.alerts().stream()
                .allMatch(a -> a.getJsonObject("flags").getBoolean("escalated")));
        for (JsonObject alert : api.alerts()) {
            assertEquals(1, count(alert.getJsonArray("history"), "escalated"), () -> "escalated exactly once: " + alert);
        }
        System.out.printf("failover (%s killed): %d presses answered (%d after the kill), each one alert offered once;"
                        + " all alerts present %.1f s after the kill%n", victimRole, pressed, pressed - answeredAtKill,
                allAlertsAfter);
    }

    private static long count(JsonArray history, String action) {
        return history.stream().filter(e -> action.equals(((JsonObject) e).getString("action"))).count();
    }

    private ServerProcess node(String role, Path directory, String name) throws Exception {
        Path logs = Files.createDirectories(dir.resolve(name));
        ServerProcess node = new ServerProcess(logs)
                .withEnvironment("ONEKEY_STORE", "redis")
                .withEnvironment("ONEKEY_REDIS_URL", redis.url())
                .withEnvironment("ONEKEY_ROLE", role)
                .withEnvironment("ONEKEY_DIRECTORY_FILE", directory.toString())
                .withEnvironment("ONEKEY_ACCEPT_UNKNOWN_DEVICES", "false")
                .withEnvironment("ONEKEY_DISPATCH_OFFER_TIMEOUT", "10m")
                .withEnvironment("ONEKEY_DISPATCH_ACK_DEADLINE_P1", ACK_DEADLINE);
        nodes.add(node);
        return node;
    }
}
