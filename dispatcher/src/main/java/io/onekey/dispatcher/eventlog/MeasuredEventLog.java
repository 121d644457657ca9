package io.onekey.dispatcher.eventlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onekey.device.event.DeviceEvent;
import io.onekey.monitoring.MetricNames;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Any event log, measured: appends (by lane and outcome), append latency, backlog, the
 * consumer's lag, and when a device was last heard at all. Whatever store is underneath.
 *
 * <p>The lag is how long the oldest event not yet processed has waited, kept as a queue of
 * (arrival, events left) taken from the head as events are processed. The priority lane
 * overtakes, so the head is the oldest only to within the priority events in flight; what
 * matters holds exactly: the lag is zero once everything is processed, and grows while the
 * consumer stands still. Events the store still held at start are counted from the start.
 */
public final class MeasuredEventLog implements EventLog {

    private static final class Batch {
        final Instant arrivedAt;
        int left;

        Batch(Instant arrivedAt, int left) {
            this.arrivedAt = arrivedAt;
            this.left = left;
        }
    }

    private final EventLog log;
    private final Clock clock;
    private final Timer appendLatency;
    private final Map<Lane, Counter> stored = new EnumMap<>(Lane.class);
    private final Map<Lane, Counter> refused = new EnumMap<>(Lane.class);
    private final Deque<Batch> waiting = new ArrayDeque<>();
    private volatile Instant lastAppend;
    private volatile Instant lastProcessed;

    public MeasuredEventLog(EventLog log, MeterRegistry registry, Clock clock) {
        this.log = log;
        this.clock = clock;
        this.appendLatency = Timer.builder(MetricNames.EVENT_LOG_APPEND_LATENCY)
                .description("Time to store a frame's events (the device is answered after it)")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        for (Lane lane : Lane.values()) {
            String tag = lane.name().toLowerCase(Locale.ROOT);
            stored.put(lane, Counter.builder(MetricNames.EVENT_LOG_APPENDS).description("Device events appended, by lane and outcome")
                    .tag("lane", tag).tag("outcome", "stored").register(registry));
            refused.put(lane, Counter.builder(MetricNames.EVENT_LOG_APPENDS).description("Device events appended, by lane and outcome")
                    .tag("lane", tag).tag("outcome", "refused").register(registry));
        }
        Gauge.builder(MetricNames.EVENT_LOG_BACKLOG, log, EventLog::backlog)
                .description("Events stored and not yet processed").register(registry);
        Gauge.builder(MetricNames.EVENT_LOG_LAG, this, m -> m.lag().toMillis() / 1000.0)
                .description("How long the oldest event not yet processed has waited").baseUnit("seconds").register(registry);
        long atStart = log.backlog();
        if (atStart > 0) {
            waiting.add(new Batch(clock.instant(), (int) Math.min(Integer.MAX_VALUE, atStart)));
        }
    }

    @Override
    public Future<Void> append(List<DeviceEvent> events, Lane lane) {
        long started = System.nanoTime();
        Instant arrivedAt = clock.instant();
        if (!log.shared()) {
            synchronized (waiting) {
                // Counted before the store answers: the consumer may process them before this future completes.
                waiting.add(new Batch(arrivedAt, events.size()));
            }
        }
        return log.append(events, lane).andThen(ar -> {
            appendLatency.record(Duration.ofNanos(System.nanoTime() - started));
            if (ar.succeeded()) {
                stored.get(lane).increment(events.size());
                lastAppend = arrivedAt;
            } else {
                refused.get(lane).increment(events.size());
                if (!log.shared()) {
                    forget(events.size());
                }
            }
        });
    }

    /** Refused events will never be processed: taken off the newest end, where they were added. */
    private void forget(int count) {
        synchronized (waiting) {
            int left = count;
            while (left > 0 && !waiting.isEmpty()) {
                Batch newest = waiting.peekLast();
                int taken = Math.min(left, newest.left);
                newest.left -= taken;
                left -= taken;
                if (newest.left == 0) {
                    waiting.pollLast();
                }
            }
        }
    }

    @Override
    public Future<List<StoredEvent>> poll(int max) {
        return log.poll(max);
    }

    @Override
    public void processed(List<StoredEvent> events) {
        log.processed(events);
        for (StoredEvent event : events) {
            Instant received = event.event().receivedAt();
            if (lastProcessed == null || received.isAfter(lastProcessed)) {
                lastProcessed = received;
            }
        }
        if (log.shared()) {
            return;
        }
        synchronized (waiting) {
            int left = events.size();
            while (left > 0 && !waiting.isEmpty()) {
                Batch oldest = waiting.peekFirst();
                int taken = Math.min(left, oldest.left);
                oldest.left -= taken;
                left -= taken;
                if (oldest.left == 0) {
                    waiting.pollFirst();
                }
            }
        }
    }

    @Override
    public void notProcessed(List<StoredEvent> events) {
        log.notProcessed(events);
    }

    @Override
    public boolean shared() {
        return log.shared();
    }

    @Override
    public Optional<Instant> oldestUnprocessed() {
        return log.oldestUnprocessed();
    }

    @Override
    public void onAppend(Runnable listener) {
        log.onAppend(listener);
    }

    @Override
    public long backlog() {
        return log.backlog();
    }

    /** How long the oldest event not yet processed has waited; zero when none waits. */
    public Duration lag() {
        if (log.shared()) {
            return log.oldestUnprocessed().map(at -> Duration.between(at, clock.instant()).abs()).orElse(Duration.ZERO);
        }
        Instant oldest;
        synchronized (waiting) {
            Batch head = waiting.peekFirst();
            oldest = head == null ? null : head.arrivedAt;
        }
        return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant()).abs();
    }

    /**
     * When an event from any device was last stored here or processed here; empty before the
     * first since start. (On a shared log a dispatcher node stores nothing: it processes.)
     */
    public Optional<Instant> lastEvent() {
        Instant appended = lastAppend;
        Instant processed = lastProcessed;
        if (appended == null || (processed != null && processed.isAfter(appended))) {
            return Optional.ofNullable(processed);
        }
        return Optional.of(appended);
    }
}
