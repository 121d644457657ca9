package io.onekey.dispatcher.sla;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChange;
import io.onekey.dispatcher.alert.AlertChangeListener;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.monitoring.MetricNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open alerts as the metrics and the watchdog see them: how many in each state, and how
 * long the oldest unacknowledged one of each priority has waited. Kept from saved changes (and
 * from the store's open alerts at start), so a scrape never reads the store.
 */
public final class OpenAlerts implements AlertChangeListener {

    private record Open(AlertState state, Priority priority, Instant receivedAt, boolean acknowledged) {
    }

    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final Clock clock;

    public OpenAlerts(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        for (AlertState state : AlertState.values()) {
            if (state.isOpen()) {
                Gauge.builder(MetricNames.ALERTS_OPEN, this, o -> o.count(state)).description("Open alerts, by state")
                        .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
            }
        }
        for (Priority priority : Priority.values()) {
            Gauge.builder(MetricNames.ALERTS_UNACKNOWLEDGED_OLDEST, this,
                            o -> o.oldestUnacknowledged(priority).map(d -> d.toMillis() / 1000.0).orElse(0.0))
                    .description("How long the oldest open alert no operator acknowledged has waited (0: none)")
                    .baseUnit("seconds").tag("priority", priority.name()).register(registry);
        }
    }

    /** At start: the alerts the store holds open. */
    public void replay(Collection<Alert> alerts) {
        alerts.forEach(this::put);
    }

    @Override
    public void changed(AlertChange change) {
        put(change.after());
    }

    private void put(Alert alert) {
        if (alert.state().isOpen()) {
            open.put(alert.id(), new Open(alert.state(), alert.priority(), alert.receivedAt(), alert.acknowledged()));
        } else {
            open.remove(alert.id());
        }
    }

    public long count(AlertState state) {
        return open.values().stream().filter(o -> o.state() == state).count();
    }

    /** The wait of the oldest open, unacknowledged alert of the priority; empty when there is none. */
    public Optional<Duration> oldestUnacknowledged(Priority priority) {
        Instant now = clock.instant();
        return open.values().stream().filter(o -> o.priority() == priority && !o.acknowledged())
                .map(Open::receivedAt).min(Instant::compareTo).map(at -> Duration.between(at, now));
    }
}
