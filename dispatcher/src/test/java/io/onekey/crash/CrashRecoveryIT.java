package io.onekey.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is ever lost, on the default embedded store: the packaged server is
 * killed with {@code kill -9} at random moments while terminals of all three protocols (watch
 * and GT06 over TCP, DC-09 over UDP) press SOS, five times in a row, and started again each time; then stopped with SIGTERM under the same load. Every
 * press a terminal saw answered is stored once and is exactly one alert; presses never
 * answered are sent again and recognised; tokens and directory changes made through the API
 * are still there.
 */
class CrashRecoveryIT {

    private static final int KILLS = 5;
    private static final int TERMINAL_THREADS = 8;

    @TempDir
    Path dir;

    @Test
    void fiveKillsAndACleanStopLoseNothingAcknowledgedAndDoubleNothing() throws Exception {
        long seed = Long.getLong("onekey.crashSeed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("crash test seed " + seed + " (replay with -Donekey.crashSeed=" + seed + ")");
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = new ServerProcess(dir)) {
            server.start();
            String operatorToken = new JsonObject(server.post("/api/tokens", ServerProcess.ADMIN_TOKEN,
                    "{\"role\":\"operator\",\"subject\":\"night-shift\"}").body()).getString("token");
            assertEquals(201, server.post("/api/residents", ServerProcess.ADMIN_TOKEN, "{\"id\":\"R-CRASH\",\"name\":\"Li Hua\","
                    + "\"address\":\"8 River Road\",\"home\":{\"lat\":30.27,\"lon\":120.15}}").statusCode());

            CrashTerminals terminals = new CrashTerminals(server, answered, random);
            for (int kill = 1; kill <= KILLS; kill++) {
                if (kill > 1) {
                    server.start();
                }
                int target = answered.size() + 50 + random.nextInt(250);
                terminals.start(TERMINAL_THREADS);
                await().atMost(Duration.ofMinutes(2)).until(() -> answered.size() >= target);
                server.kill();
                terminals.stop();
            }
            server.start();
            int target = answered.size() + 50 + random.nextInt(250);
            terminals.start(TERMINAL_THREADS);
            await().atMost(Duration.ofMinutes(2)).until(() -> answered.size() >= target);
            server.terminate();
            terminals.stop();

            server.start();
            terminals.resendUnanswered();
            int pressed = answered.size();
            List<JsonObject> alerts = CrashTerminals.awaitEachAnsweredPress(server::alerts, answered, Duration.ofMinutes(3));

            CrashTerminals.assertEachAnsweredPressIsOneAlert(alerts, answered, alert ->
                    assertEquals("opened", alert.getJsonArray("history").getJsonObject(0).getString("action")));
            assertEquals(200, server.get("/api/alerts?limit=1", operatorToken).statusCode(), "the token made before the kills");
            assertEquals(200, server.get("/api/residents/R-CRASH", ServerProcess.ADMIN_TOKEN).statusCode(),
                    "the resident added before the kills");
            server.terminate();
            assertEachPressStoredOnce(server.store(), answered.size());
            System.out.printf("crash test: %d presses answered across %d kills and a SIGTERM, each one alert%n", pressed, KILLS);
        }
    }

    private static void assertEachPressStoredOnce(Path store, int presses) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT count(*), count(DISTINCT alarm_key) FROM events WHERE alarm_key IS NOT NULL")) {
            assertTrue(row.next());
            assertEquals(presses, row.getInt(2), "every press in the event log");
            assertEquals(row.getInt(2), row.getInt(1), "no press stored twice");
        }
    }
}
