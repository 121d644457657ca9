package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.error.DispatchException;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and saves alerts, and publishes each saved change to its listeners (the outbox):
 * the save comes first, so a failed save tells nobody anything; a listener that fails is
 * contained here, so it never fails or stops the change.
 */
public final class AlertChanges {

    private static final Logger log = LoggerFactory.getLogger(AlertChanges.class);

    private final AlertStore store;
    private final Clock clock;
    private final List<AlertChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();

    public AlertChanges(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Adds a listener; listeners hear changes in the order they were added. */
    public AlertChanges listen(AlertChangeListener listener) {
        listeners.add(listener);
        return this;
    }

    public AlertStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** How many times a listener failed; each failure was logged and the change went on. */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    public Future<Alert> load(String alertId) {
        return store.get(alertId).map(found -> found.orElseThrow(() -> DispatchException.notFound("no alert " + alertId)));
    }

    /** Saves a new alert. */
    public Future<Alert> open(Alert alert) {
        return save(new AlertChange(null, alert, Optional.empty()));
    }

    /** Saves the next version of an alert. */
    public Future<Alert> save(Alert.Builder edit) {
        return save(new AlertChange(edit.base(), edit.build(), Optional.empty()));
    }

    /** Saves the next version and tells supervisors why it needs them (escalation, no provider left, SLA breach). */
    public Future<Alert> saveAndEscalate(Alert.Builder edit, String reason) {
        return save(new AlertChange(edit.base(), edit.build(), Optional.of(reason)));
    }

    private Future<Alert> save(AlertChange change) {
        return store.save(change.after()).map(v -> {
            publish(change);
            return change.after();
        });
    }

    private void publish(AlertChange change) {
        for (AlertChangeListener listener : listeners) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
                log.warn("alert {}: a change listener failed, the change stands: {}", change.after().id(), e.toString());
            }
        }
    }
}
