package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.alert.AlertSubjects;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The embedded alert store: immutable alerts in concurrent maps, with an index of open alerts
 * per subject, of offers, and of deadlines (the same shapes the Redis store keeps as sets and
 * sorted sets). Written by the dispatcher's context only; read from anywhere. Survives nothing.
 */
public final class InMemoryAlertStore implements AlertStore {

    /** Queue order: open alerts by priority, oldest first; then closed ones, the most recently closed first. */
    static final Comparator<Alert> QUEUE_ORDER = (a, b) -> {
        if (a.state().isOpen() != b.state().isOpen()) {
            return a.state().isOpen() ? -1 : 1;
        }
        if (a.state().isOpen()) {
            int byPriority = a.priority().compareTo(b.priority());
            return byPriority != 0 ? byPriority : a.receivedAt().compareTo(b.receivedAt());
        }
        return closedAt(b).compareTo(closedAt(a));
    };

    private static Instant closedAt(Alert alert) {
        return alert.timing().closedAt() != null ? alert.timing().closedAt() : alert.lastPressAt();
    }

    private final ConcurrentMap<String, Alert> alerts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<String>> openBySubject = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> alertByOffer = new ConcurrentHashMap<>();
    private final NavigableMap<Instant, Set<String>> deadlines = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<String, Instant> deadlineOf = new ConcurrentHashMap<>();

    @Override
    public Future<Void> save(Alert alert) {
        Alert previous = alerts.get(alert.id());
        long expected = previous == null ? 0 : previous.version();
        if (alert.version() != expected + 1) {
            return Future.failedFuture(DispatchException.conflict("alert " + alert.id() + " changed meanwhile (version "
                    + expected + ", change made from version " + (alert.version() - 1) + "); reload and retry"));
        }
        alerts.put(alert.id(), alert);
        String subject = AlertSubjects.of(alert);
        if (alert.state().isOpen()) {
            openBySubject.computeIfAbsent(subject, s -> ConcurrentHashMap.newKeySet()).add(alert.id());
        } else {
            openBySubject.computeIfPresent(subject, (s, ids) -> {
                ids.remove(alert.id());
                return ids.isEmpty() ? null : ids;
            });
        }
        for (Offer offer : alert.offers()) {
            alertByOffer.put(offer.id(), alert.id());
        }
        reindexDeadline(alert);
        return Future.succeededFuture();
    }

    private void reindexDeadline(Alert alert) {
        Instant old = deadlineOf.remove(alert.id());
        if (old != null) {
            deadlines.computeIfPresent(old, (at, ids) -> {
                ids.remove(alert.id());
                return ids.isEmpty() ? null : ids;
            });
        }
        alert.nextDeadline().ifPresent(at -> {
            deadlineOf.put(alert.id(), at);
            deadlines.computeIfAbsent(at, t -> ConcurrentHashMap.newKeySet()).add(alert.id());
        });
    }

    @Override
    public Future<Optional<Alert>> get(String id) {
        return Future.succeededFuture(Optional.ofNullable(alerts.get(id)));
    }

    @Override
    public Future<Optional<Alert>> byOffer(String offerId) {
        String alertId = alertByOffer.get(offerId);
        return Future.succeededFuture(Optional.ofNullable(alertId == null ? null : alerts.get(alertId)));
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
    public Future<List<Alert>> openOf(String subject) {
        Set<String> ids = openBySubject.getOrDefault(subject, Set.of());
        List<Alert> open = new ArrayList<>(ids.size());
        for (String id : ids) {
            Alert alert = alerts.get(id);
            if (alert != null && alert.state().isOpen()) {
                open.add(alert);
            }
        }
        open.sort(Comparator.comparing(Alert::receivedAt));
        return Future.succeededFuture(open);
    }

    @Override
    public Future<List<String>> due(Instant now) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<Instant, Set<String>> entry : deadlines.headMap(now, true).entrySet()) {
            ids.addAll(entry.getValue());
        }
        return Future.succeededFuture(ids);
    }

    @Override
    public Future<List<Alert>> ofProvider(String providerId) {
        List<Alert> result = alerts.values().stream()
                .filter(a -> a.state().isOpen())
                .filter(a -> a.offers().stream().anyMatch(o -> o.providerId().equals(providerId)
                        && (o.state() == OfferState.PENDING || o.state() == OfferState.ACCEPTED)))
                .sorted(QUEUE_ORDER)
                .toList();
        return Future.succeededFuture(result);
    }

    @Override
    public Future<List<Alert>> receivedBetween(Instant from, Instant to) {
        return Future.succeededFuture(alerts.values().stream()
                .filter(a -> !a.receivedAt().isBefore(from) && a.receivedAt().isBefore(to))
                .toList());
    }

    @Override
    public Future<Integer> forgetClosedBefore(Instant cutoff) {
        int before = alerts.size();
        alerts.values().removeIf(a -> !a.state().isOpen() && closedAt(a).isBefore(cutoff));
        alertByOffer.values().removeIf(id -> !alerts.containsKey(id));
        return Future.succeededFuture(before - alerts.size());
    }

    @Override
    public long openCount() {
        return openBySubject.values().stream().mapToLong(Set::size).sum();
    }
}
