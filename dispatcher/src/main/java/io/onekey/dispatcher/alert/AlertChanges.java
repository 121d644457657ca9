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
    private final List<ProviderLoadKeeper> bookkeepers = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();

    public AlertChanges(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Adds the provider load: it follows each change as soon as the store has taken it (routing
     * reads it for the very next change), and is set back if the change then fails to commit.
     */
    public AlertChanges keepLoad(ProviderLoadKeeper keeper) {
        bookkeepers.add(keeper);
        return this;
    }

    /** Adds a listener; listeners hear changes in the order they were added, once they are durable. */
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

    /** Saves a new alert that needs supervisors from the start (the server's own alarms). */
    public Future<Alert> openAndEscalate(Alert alert, String reason) {
        return save(new AlertChange(null, alert, Optional.of(reason)));
    }

    /** Saves the next version of an alert. */
    public Future<Alert> save(Alert.Builder edit) {
        return save(new AlertChange(edit.base(), edit.build(), Optional.empty()));
    }

    /** Saves the next version and tells supervisors why it needs them (escalation, no provider left, SLA breach). */
    public Future<Alert> saveAndEscalate(Alert.Builder edit, String reason) {
        return save(new AlertChange(edit.base(), edit.build(), Optional.of(reason)));
    }

    /**
     * The change is applied once the store has taken it; its effects (listeners) follow once it
     * is durable. A store that applies at once lets the dispatcher go on to its next change while
     * the commit is under way, so many changes share one commit; a change refused as stale fails
     * at once, and one whose commit fails is never published.
     */
    private Future<Alert> save(AlertChange change) {
        Future<Void> durable = store.save(change.after());
        if (store.decidesOnReply()) {
            // The load counts at once (the next routing decision, maybe for another resident's
            // alarm processed meanwhile, must see it) and is set back if the store refuses.
            bookkeepers.forEach(k -> k.changed(change));
            return durable.map(v -> {
                publish(change);
                return change.after();
            }).onFailure(e -> bookkeepers.forEach(k -> k.rolledBack(change)));
        }
        if (durable.failed()) {
            return Future.failedFuture(durable.cause());
        }
        bookkeepers.forEach(k -> k.changed(change));
        durable.onSuccess(v -> publish(change)).onFailure(e -> {
            bookkeepers.forEach(k -> k.rolledBack(change));
            log.error("alert {}: version {} could not be stored; nobody is told of it: {}", change.after().id(),
                    change.after().version(), e.getMessage());
        });
        return Future.succeededFuture(change.after());
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
