package io.onekey.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onekey.monitoring.PipelineWatchdog.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PipelineWatchdogTest {

    private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    private final AtomicReference<Optional<Duration>> lag = new AtomicReference<>(Optional.of(Duration.ZERO));
    private final AtomicReference<Optional<Duration>> silence = new AtomicReference<>(Optional.empty());
    private final List<String> calls = new ArrayList<>();
    private final PipelineWatchdog watchdog = new PipelineWatchdog(registry,
            new WatchdogBounds(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10)),
            Map.of(Condition.EVENT_LOG_LAG, lag::get, Condition.DEVICE_SILENCE, silence::get),
            new PipelineWatchdog.Supervisor() {
                @Override
                public void raised(Condition condition, String note) {
                    calls.add("raised " + condition + ": " + note);
                }

                @Override
                public void cleared(Condition condition, String note) {
                    calls.add("cleared " + condition);
                }
            });

    @Test
    void aLastingConditionIsRaisedOnceAndClearedOnce() {
        watchdog.check();
        assertEquals(List.of(), calls);

        lag.set(Optional.of(Duration.ofSeconds(31)));
        watchdog.check();
        watchdog.check();
        lag.set(Optional.of(Duration.ofSeconds(90)));
        watchdog.check();
        assertEquals(List.of("raised EVENT_LOG_LAG: event log lag is 31 s, beyond the bound of 30 s"), calls);
        assertTrue(watchdog.active(Condition.EVENT_LOG_LAG));
        assertTrue(registry.scrape().contains("onekey_watchdog_condition{application=\"onekey\",condition=\"event_log_lag\"} 1.0"));

        lag.set(Optional.of(Duration.ofSeconds(2)));
        watchdog.check();
        watchdog.check();
        assertEquals(2, calls.size());
        assertEquals("cleared EVENT_LOG_LAG", calls.get(1));

        lag.set(Optional.of(Duration.ofSeconds(40)));
        watchdog.check();
        assertEquals(3, calls.size(), "a new episode is a new alert");
        assertEquals(2.0, registry.get(MetricNames.WATCHDOG_RAISED).tag("condition", "event_log_lag").counter().count());
    }

    @Test
    void aConditionThatCannotBeMeasuredIsNeverRaised() {
        watchdog.check();
        assertFalse(watchdog.active(Condition.DEVICE_SILENCE));
        assertFalse(watchdog.active(Condition.UNACKNOWLEDGED_P1));
    }

    @Test
    void aConditionStillOpenFromBeforeARestartClearsWhenBackWithinBounds() {
        watchdog.alreadyRaised(Condition.DEVICE_SILENCE);
        silence.set(Optional.of(Duration.ofSeconds(3)));
        watchdog.check();
        assertEquals(List.of("cleared DEVICE_SILENCE"), calls);
    }

    @Test
    void aFailingSupervisorDoesNotStopTheChecks() {
        PipelineWatchdog failing = new PipelineWatchdog(MeterRegistries.prometheus(),
                WatchdogBounds.defaults(), Map.of(Condition.EVENT_LOG_LAG, () -> Optional.of(Duration.ofHours(1))),
                new PipelineWatchdog.Supervisor() {
                    @Override
                    public void raised(Condition condition, String note) {
                        throw new IllegalStateException("dispatcher gone");
                    }

                    @Override
                    public void cleared(Condition condition, String note) {
                    }
                });
        failing.check();
        assertTrue(failing.active(Condition.EVENT_LOG_LAG));
    }
}
