package io.onekey.dispatcher.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.store.memory.InMemoryEventLog;
import io.onekey.monitoring.MetricNames;
import io.onekey.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MeasuredEventLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MeasuredEventLog log = new MeasuredEventLog(new InMemoryEventLog(2), registry, clock);

    private static List<DeviceEvent> heartbeat(String key) {
        return List.of(new Heartbeat("6907919734", Protocol.WATCH, Instant.parse("2026-11-29T10:00:00Z"), Optional.empty(), key,
                OptionalInt.empty(), OptionalInt.empty()));
    }

    @Test
    void theLagIsTheWaitOfTheOldestEventNotYetProcessed() {
        assertEquals(Duration.ZERO, log.lag());
        log.append(heartbeat("a"), EventLog.Lane.NORMAL);
        clock.advance(Duration.ofSeconds(10));
        log.append(heartbeat("b"), EventLog.Lane.NORMAL);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(15), log.lag());

        List<StoredEvent> first = log.poll(1).result();
        log.processed(first);
        assertEquals(Duration.ofSeconds(5), log.lag(), "the second event has waited 5 s");

        log.processed(log.poll(1).result());
        assertEquals(Duration.ZERO, log.lag());
        assertEquals(2.0, registry.get(MetricNames.EVENT_LOG_APPENDS).tag("outcome", "stored").tag("lane", "normal").counter().count());
        assertEquals(Optional.of(Instant.parse("2026-11-29T10:00:10Z")), log.lastEvent());
    }

    @Test
    void aRefusedAppendIsCountedAndLeavesNoLagBehind() {
        log.append(heartbeat("a"), EventLog.Lane.NORMAL);
        log.append(heartbeat("b"), EventLog.Lane.NORMAL);
        assertTrue(log.append(heartbeat("c"), EventLog.Lane.NORMAL).failed(), "the log holds two events");
        assertEquals(1.0, registry.get(MetricNames.EVENT_LOG_APPENDS).tag("outcome", "refused").tag("lane", "normal").counter().count());

        log.processed(log.poll(10).result());
        assertEquals(Duration.ZERO, log.lag());
    }
}
