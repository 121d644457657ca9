package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.protocol.watch.WatchFrames;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Terminals upload alarms they buffered through an outage, and frames can be replayed: an alarm
 * whose own time is much older than its arrival is still raised, but flagged delayed, with the
 * device's time in the history, and counted.
 */
class DelayedAlarmTest {

    @Test
    void anAlarmRaisedAnHourBeforeItArrivedIsRaisedFlaggedDelayed() throws Exception {
        try (DispatchFixture fx = new DispatchFixture()) {
            fx.append(new Alarm(DispatchFixture.WATCH, Protocol.WATCH, fx.clock.instant(),
                    Optional.of(fx.clock.instant().minus(Duration.ofHours(1))), "late:1", AlarmKind.SOS, Optional.empty(),
                    "AL", Optional.empty()));
            JsonObject alert = fx.awaitAlert("SOS");
            assertTrue(alert.getJsonObject("flags").getBoolean("delayed"));
            String history = alert.getJsonArray("history").encode();
            assertTrue(history.contains("60 min before it arrived"), history);
            await().until(() -> fx.running.server.registry().find("onekey.alerts.delayed").counter().count() == 1.0);
        }
    }

    @Test
    void anAlarmRaisedAMinuteBeforeItArrivedIsNotDelayed() throws Exception {
        try (DispatchFixture fx = new DispatchFixture()) {
            fx.append(new Alarm(DispatchFixture.WATCH, Protocol.WATCH, fx.clock.instant(),
                    Optional.of(fx.clock.instant().minus(Duration.ofMinutes(1))), "late:2", AlarmKind.SOS, Optional.empty(),
                    "AL", Optional.empty()));
            assertFalse(fx.awaitAlert("SOS").getJsonObject("flags").getBoolean("delayed"));
        }
    }

    @Test
    void aWatchFrameDatedThirtyDaysBackOverTcpIsFlaggedDelayed() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            String frame = WatchFrames.format("SG", DispatchFixture.WATCH, Optional.empty(),
                    "AL,311026,081500,A,30.274100,N,120.155100,E,0.0,0.0,50,7,60,90,1000,50,00010000,0,0,0");
            String reply = TestClients.sendWatchFrame(running.server.port(GatewayServer.Listener.WATCH_TCP),
                    frame.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(reply.endsWith("*AL]"), reply);
            await().until(() -> running.server.openAlerts() == 1);
            JsonObject alert = new JsonObject(TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).body())
                    .getJsonArray("items").getJsonObject(0);
            assertEquals("SOS", alert.getString("kind"));
            assertTrue(alert.getJsonObject("flags").getBoolean("delayed"), alert.encode());
        }
    }
}
