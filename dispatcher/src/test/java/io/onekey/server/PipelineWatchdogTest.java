package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server watching its own pipeline, end to end: bound passed, supervisor alerted once, resolved when it clears. */
class PipelineWatchdogTest {

    private DispatchFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aP1LeftUnacknowledgedRaisesOneSupervisorAlertThatResolvesOnceAnswered() throws Exception {
        fx = new DispatchFixture(Map.of("watchdog.interval", "20ms", "watchdog.maxUnacknowledgedP1", "3m",
                "watchdog.maxDeviceSilence", "1d"));
        TestClients.FeedClient supervisor = fx.feed("supervisor", "sue");
        fx.sos();
        String sos = fx.awaitAlert("SOS").getString("id");

        fx.clock.advance(Duration.ofMinutes(2)); // escalated at 60 s, but within the watchdog's bound
        await().atMost(Duration.ofSeconds(10)).until(() -> watchdogGauge().contains("condition=\"unacknowledged_p1\"} 0.0"));
        assertEquals(List.of(), fx.alertsOfKind("PIPELINE_DEGRADED"));

        fx.clock.advance(Duration.ofMinutes(2));
        JsonObject pipeline = fx.awaitAlert("PIPELINE_DEGRADED");
        assertEquals("P2", pipeline.getString("priority"));
        assertEquals("SYSTEM", pipeline.getString("protocol"));
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.messages.stream()
                .anyMatch(m -> "escalation".equals(m.getString("type")) && m.getString("reason").startsWith("pipeline: ")));

        // The condition lasts: the watchdog keeps checking, and raises nothing more.
        fx.clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> watchdogGauge().contains("condition=\"unacknowledged_p1\"} 1.0"));
        assertEquals(1, fx.alertsOfKind("PIPELINE_DEGRADED").size());
        assertTrue(metrics().contains("onekey_watchdog_raised_total{application=\"onekey\",condition=\"unacknowledged_p1\"} 1.0"));

        assertEquals(200, fx.operator(sos, "acknowledge", new JsonObject()).statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> "RESOLVED".equals(fx.alert(pipeline.getString("id")).getString("state")));
        assertTrue(fx.alert(pipeline.getString("id")).getJsonArray("history").stream().map(h -> (JsonObject) h)
                .anyMatch(h -> h.getString("note", "").contains("back within")));
    }

    @Test
    void noEventFromAnyDeviceBeyondTheBoundIsRaised() throws Exception {
        fx = new DispatchFixture(Map.of("watchdog.interval", "20ms", "watchdog.maxDeviceSilence", "10m",
                "watchdog.maxEventLogLag", "1d"));
        fx.heartbeat(io.onekey.device.event.Protocol.WATCH, DispatchFixture.WATCH);
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains("onekey_eventlog_lag_seconds{application=\"onekey\"} 0.0"));
        fx.clock.advance(Duration.ofMinutes(11));
        JsonObject alert = fx.awaitAlert("PIPELINE_DEGRADED");
        assertTrue(alert.getJsonArray("history").getJsonObject(0).getString("note").contains("time since the last event"),
                alert.encode());

        fx.heartbeat(io.onekey.device.event.Protocol.WATCH, DispatchFixture.WATCH);
        await().atMost(Duration.ofSeconds(10)).until(() -> "RESOLVED".equals(fx.alert(alert.getString("id")).getString("state")));
    }

    private String watchdogGauge() throws Exception {
        return metrics().lines().filter(l -> l.startsWith("onekey_watchdog_condition{")).reduce("", (a, b) -> a + b + "\n");
    }

    private String metrics() throws Exception {
        return TestClients.get(fx.running.http("/metrics"), null).body();
    }
}
