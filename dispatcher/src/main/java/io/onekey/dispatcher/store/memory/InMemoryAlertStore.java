package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.store.AlertQuery;
import io.onekey.dispatcher.store.AlertStore;
import io.onekey.dispatcher.store.AlertSubjects;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The embedded alert store: a concurrent map of immutable alerts. Survives nothing. */
public final class InMemoryAlertStore implements AlertStore {

    /** Open alerts in queue order: priority, then the oldest first. */
    static final Comparator<Alert> QUEUE_ORDER = Comparator.comparing((Alert a) -> !a.state().isOpen())
            .thenComparing(Alert::priority)
            .thenComparing(Alert::receivedAt);

    private final ConcurrentMap<String, Alert> alerts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> openBySubject = new ConcurrentHashMap<>();

    @Override
    public Future<Void> save(Alert alert) {
        alerts.put(alert.id(), alert);
        String subject = AlertSubjects.keyOf(alert);
        if (alert.state().isOpen()) {
            openBySubject.put(subject, alert.id());
        } else {
            openBySubject.remove(subject, alert.id());
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Alert>> get(String id) {
        return Future.succeededFuture(Optional.ofNullable(alerts.get(id)));
    }

    @Override
    public Future<List<Alert>> list(AlertQuery query) {
        List<Alert> result = alerts.values().stream()
                .filter(a -> query.state().map(s -> a.state() == s).orElse(true))
                .filter(a -> query.priority().map(p -> a.priority() == p).orElse(true))
                .filter(a -> query.residentId().map(r -> r.equals(a.residentId())).orElse(true))
                .sorted(QUEUE_ORDER)
                .limit(query.limit())
                .toList();
        return Future.succeededFuture(result);
    }

    @Override
    public Future<Optional<Alert>> openFor(String subjectKey) {
        String id = openBySubject.get(subjectKey);
        return Future.succeededFuture(Optional.ofNullable(id == null ? null : alerts.get(id)));
    }

    @Override
    public long openCount() {
        return openBySubject.size();
    }
}
