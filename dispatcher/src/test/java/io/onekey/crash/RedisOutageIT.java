package io.onekey.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.testing.PrivateRedis;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stops for five seconds under load. While it is down no terminal is answered (each
 * retransmits), every node stays up and says it is not ready; once Redis is back, every press
 * that was answered, before, during the retransmissions or after, is exactly one alert.
 */
class RedisOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(5);

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
    void noAnswerWhileRedisIsDownEveryAnsweredPressOneAlertAfter() throws Exception {
        long seed = Long.getLong("onekey.crashSeed", System.nanoTime());
        System.out.println("outage test seed " + seed + " (replay with -Donekey.crashSeed=" + seed + ")");
        Path directory = ScaleOutTown.write(dir.resolve("town.json"), ScaleOutFailoverIT.RESIDENTS);
        ServerProcess dispatcher = node("dispatcher", directory);
        ServerProcess gateway = node("gateway", directory);
        ServerProcess api = node("api", directory);
        for (ServerProcess node : nodes) {
            node.start();
        }
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        CrashTerminals terminals = new CrashTerminals(List.of(gateway), answered, new Random(seed));
        terminals.start(8);
        await().atMost(Duration.ofMinutes(2)).until(() -> answered.size() >= 100);

        redis.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.stream().noneMatch(ServerProcess::ready));
        int answeredWhenDown = answered.size();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a wait for something to happen
        assertEquals(answeredWhenDown, answered.size(), "no terminal may be answered while Redis is down");
        assertTrue(nodes.stream().allMatch(ServerProcess::alive), "every node stays up through the outage");

        redis.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> nodes.stream().allMatch(ServerProcess::ready));
        await().atMost(Duration.ofMinutes(2)).until(() -> answered.size() >= answeredWhenDown + 100);
        terminals.stop();
        terminals.resendUnanswered();
        int pressed = answered.size();

        List<JsonObject> alerts;
        try {
            alerts = CrashTerminals.awaitEachAnsweredPress(api::alerts, answered, Duration.ofMinutes(2));
        } catch (AssertionError e) {
            Set<String> onDispatcher = new java.util.HashSet<>();
            dispatcher.alerts().forEach(a -> onDispatcher.add(a.getString("deviceId")));
            throw new AssertionError(e.getMessage() + "; the dispatcher lists alerts for " + onDispatcher.size() + " terminals", e);
        }
        CrashTerminals.assertEachAnsweredPressIsOneAlert(alerts, answered, alert -> { });
        System.out.printf("outage: %d presses answered (%d before Redis stopped, none during %d s down), each one alert%n",
                pressed, answeredWhenDown, OUTAGE.toSeconds());
    }

    private ServerProcess node(String role, Path directory) throws Exception {
        ServerProcess node = ServerProcess.onRedis(Files.createDirectories(dir.resolve(role)), redis.url(), role, directory);
        nodes.add(node);
        return node;
    }
}
