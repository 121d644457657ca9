package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.testing.CapturedFrames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames from unregistered devices: refused by default, registered as unassigned while commissioning. */
class CommissioningSwitchTest {

    private static final byte[] UNKNOWN_SOS = CapturedFrames.watchSos().text()
            .replace("6907919734", "5550001111").getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void unknownDeviceIsRefusedByDefault() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            String reply = TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP), UNKNOWN_SOS);
            assertEquals("", reply, "no answer, connection closed");
            assertTrue(running.server.directory().device(Protocol.WATCH, "5550001111").isEmpty());
            assertEquals(0, alerts(running).size());
        }
    }

    @Test
    void unknownDeviceIsRegisteredUnassignedWhenTheSwitchIsOn() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of("acceptUnknownDevices", "true"))) {
            String reply = TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP), UNKNOWN_SOS);
            assertEquals("[3G*5550001111*0002*AL]", reply);
            assertTrue(running.server.directory().device(Protocol.WATCH, "5550001111").isPresent());
            await().atMost(Duration.ofSeconds(10)).until(() -> alerts(running).size() == 1);
            JsonObject alert = alerts(running).getJsonObject(0);
            assertEquals("5550001111", alert.getString("deviceId"));
            assertEquals(null, alert.getString("residentId"));
        }
    }

    private static JsonArray alerts(RunningServer running) throws Exception {
        return new JsonObject(TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).body()).getJsonArray("items");
    }
}
