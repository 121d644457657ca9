package io.onekey.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline watching itself. On each {@link #check()} it measures the event log's consumer
 * lag, the age of the oldest unacknowledged P1 alert and the time since the last event from any
 * device, and compares each with its bound. A condition going beyond its bound is raised once
 * (a log line, a metric, and the {@link Supervisor}'s alert); it is raised again only after it
 * has cleared, so a lasting condition never makes an alert per check.
 *
 * <p>Call {@code check()} from a timer of its own, not from the dispatcher: a stuck dispatcher
 * is one of the things it must see.
 */
public final class PipelineWatchdog {

    private static final Logger log = LoggerFactory.getLogger(PipelineWatchdog.class);

    public enum Condition {
        EVENT_LOG_LAG("event_log_lag", "event log lag"),
        UNACKNOWLEDGED_P1("unacknowledged_p1", "oldest unacknowledged P1 alert"),
        DEVICE_SILENCE("device_silence", "time since the last event from any device");

        private final String tag;
        private final String description;

        Condition(String tag, String description) {
            this.tag = tag;
            this.description = description;
        }

        public String tag() {
            return tag;
        }

        public String description() {
            return description;
        }
    }

    /** Where raised and cleared conditions go: the alert machinery, in the server. */
    public interface Supervisor {
        void raised(Condition condition, String note);

        void cleared(Condition condition, String note);
    }

    private final Map<Condition, Watched> watched = new EnumMap<>(Condition.class);
    private final Supervisor supervisor;

    /**
     * @param measures each condition's current value; empty when it cannot be judged now (no
     *                 device registered, say), which counts as within bounds
     */
    public PipelineWatchdog(MeterRegistry registry, WatchdogBounds bounds,
                            Map<Condition, Supplier<Optional<Duration>>> measures, Supervisor supervisor) {
        this.supervisor = supervisor;
        Map<Condition, Duration> limits = Map.of(Condition.EVENT_LOG_LAG, bounds.maxEventLogLag(),
                Condition.UNACKNOWLEDGED_P1, bounds.maxUnacknowledgedP1(), Condition.DEVICE_SILENCE, bounds.maxDeviceSilence());
        for (Condition condition : Condition.values()) {
            Supplier<Optional<Duration>> measure = measures.getOrDefault(condition, Optional::empty);
            watched.put(condition, new Watched(registry, condition, limits.get(condition), measure));
        }
    }

    /** At start: this condition's alert is still open from before, so the next check within bounds clears it. */
    public void alreadyRaised(Condition condition) {
        watched.get(condition).active = true;
    }

    public boolean active(Condition condition) {
        return watched.get(condition).active;
    }

    /** Measures every condition; raises those that went beyond their bound, clears those back within. */
    public synchronized void check() {
        for (Watched w : watched.values()) {
            Optional<Duration> value;
            try {
                value = w.measure.get();
            } catch (RuntimeException e) {
                log.warn("watchdog: cannot measure the {}: {}", w.condition.description(), e.toString());
                continue;
            }
            boolean beyond = value.isPresent() && value.get().compareTo(w.bound) > 0;
            if (beyond && !w.active) {
                w.active = true;
                w.raised.increment();
                String note = w.condition.description() + " is " + seconds(value.get()) + ", beyond the bound of "
                        + seconds(w.bound);
                log.error("watchdog: {}", note);
                notify(() -> supervisor.raised(w.condition, note));
            } else if (!beyond && w.active) {
                w.active = false;
                String note = w.condition.description() + " is back within " + seconds(w.bound)
                        + value.map(v -> " (" + seconds(v) + ")").orElse("");
                log.info("watchdog: {}", note);
                notify(() -> supervisor.cleared(w.condition, note));
            }
        }
    }

    private static void notify(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // The metric and the log line stand; the next change of the condition tries again.
            log.warn("watchdog: the supervisor alert could not be passed on: {}", e.toString());
        }
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private static final class Watched {
        private final Condition condition;
        private final Duration bound;
        private final Supplier<Optional<Duration>> measure;
        private final Counter raised;
        private volatile boolean active;

        Watched(MeterRegistry registry, Condition condition, Duration bound, Supplier<Optional<Duration>> measure) {
            this.condition = condition;
            this.bound = bound;
            this.measure = measure;
            this.raised = Counter.builder(MetricNames.WATCHDOG_RAISED)
                    .description("Times a watched condition went beyond its bound").tag("condition", condition.tag())
                    .register(registry);
            Gauge.builder(MetricNames.WATCHDOG_CONDITION, this, w -> w.active ? 1 : 0)
                    .description("1 while the watched condition is beyond its bound").tag("condition", condition.tag())
                    .register(registry);
        }
    }
}
