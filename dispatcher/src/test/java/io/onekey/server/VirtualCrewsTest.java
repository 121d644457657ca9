package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.simulator.provider.VirtualProviders;
import io.onekey.simulator.town.Town;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's virtual crews leave the operators real work: on the share of jobs configured, a
 * crew that accepted waits for an operator's acknowledgement before it sets off, so the alert
 * stays open and counts against the acknowledge target until somebody works it.
 */
class VirtualCrewsTest {

    private RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(Map.of());
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aCrewThatWaitsForTheOperatorSetsOffOnlyOnceTheAlertIsAcknowledged() throws Exception {
        Town town = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(RunningServer.resource("test-town.json").toFile(), Town.class);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(said, true, StandardCharsets.UTF_8);
        String base = running.http("").toString().replaceAll("/$", "");
        try (VirtualProviders crews = new VirtualProviders(base, RunningServer.ADMIN_TOKEN, log, 1.0)) {
            crews.connectAll(town);
            TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP), CapturedFrames.watchSos().bytes());
            String id = await().atMost(Duration.ofSeconds(10)).until(() -> alerts().stream()
                    .map(JsonObject.class::cast).filter(a -> a.getString("kind").equals("SOS"))
                    .map(a -> a.getString("id")).findFirst().orElse(null), java.util.Objects::nonNull);

            await().atMost(Duration.ofSeconds(30)).until(() -> said.toString(StandardCharsets.UTF_8)
                    .contains("waits for an operator to acknowledge alert " + id));
            // A crew that does not wait is on scene 10 s after accepting; this one keeps waiting.
            await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals("ACCEPTED"));
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> state(id).equals("ACCEPTED"));
            assertEquals(null, alert(id).getValue("acknowledgedAt"));

            var ack = TestClients.post(running.http("/api/alerts/" + id + "/acknowledge"), RunningServer.ADMIN_TOKEN, "{}");
            assertEquals(200, ack.statusCode(), ack.body());
            try {
                await().atMost(Duration.ofSeconds(40)).until(() -> state(id).equals("ON_SCENE") || state(id).equals("RESOLVED"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no crew on scene after the acknowledgement; the crews said: " + said, e);
            }
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("sets off for alert " + id + " (acknowledged)"));
        }
    }

    private JsonArray alerts() throws Exception {
        return new JsonObject(TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).body()).getJsonArray("items");
    }

    private JsonObject alert(String id) throws Exception {
        return new JsonObject(TestClients.get(running.http("/api/alerts/" + id), RunningServer.ADMIN_TOKEN).body());
    }

    private String state(String id) throws Exception {
        return alert(id).getString("state");
    }
}
