package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.alert.AlertSubjects;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Alerts in memory, with the indexes the dispatcher and the console need: open alerts in queue
 * order (priority, then age), closed ones most recently closed first, the open alerts of each
 * subject, each offer's alert, each provider's live jobs, and the deadlines. Every query reads
 * an index; none walks all alerts. Written by the dispatcher's context only; read from
 * anywhere (the ordered indexes are concurrent skip lists). Survives nothing: a test double
 * and the reference the other stores are held to.
 */
public final class InMemoryAlertStore implements AlertStore {

    /** Queue order of open alerts: by priority, oldest first; the id breaks ties. */
    static final Comparator<Alert> OPEN_ORDER = Comparator.comparing(Alert::priority)
            .thenComparing(Alert::receivedAt).thenComparing(Alert::id);

    /** Closed alerts: the most recently closed first. */
    static final Comparator<Alert> CLOSED_ORDER = Comparator.comparing(InMemoryAlertStore::closedAt).reversed()
            .thenComparing(Alert::id);

    static Instant closedAt(Alert alert) {
        return AlertQuery.Position.closedAt(alert);
    }

    private final ConcurrentMap<String, Alert> alerts = new ConcurrentHashMap<>();
    private final NavigableSet<Alert> open = new ConcurrentSkipListSet<>(OPEN_ORDER);
    private final NavigableSet<Alert> closed = new ConcurrentSkipListSet<>(CLOSED_ORDER);
    private final ConcurrentMap<String, Set<String>> openBySubject = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<String>> liveByProvider = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> alertByOffer = new ConcurrentHashMap<>();
    private final NavigableMap<Instant, Set<String>> deadlines = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<String, Instant> deadlineOf = new ConcurrentHashMap<>();
    /** Kept apart: a skip list counts its size by walking it. */
    private final AtomicLong openCount = new AtomicLong();

    @Override
    public Future<Void> save(Alert alert) {
        Alert previous = alerts.get(alert.id());
        long expected = previous == null ? 0 : previous.version();
        if (alert.version() != expected + 1) {
            return Future.failedFuture(DispatchException.conflict("alert " + alert.id() + " changed meanwhile (version "
                    + expected + ", change made from version " + (alert.version() - 1) + "); reload and retry"));
        }
        if (previous != null) {
            unindex(previous);
        }
        alerts.put(alert.id(), alert);
        index(alert);
        return Future.succeededFuture();
    }

    /**
     * Puts an alert in as it is, without the version check: for a durable store that loads what
     * it committed, or caches what it just committed.
     */
    public void restore(Alert alert) {
        Alert previous = alerts.get(alert.id());
        if (previous != null) {
            unindex(previous);
        }
        alerts.put(alert.id(), alert);
        index(alert);
    }

    /** Drops an alert from memory only (a durable store keeping just recent ones in memory). */
    public void evict(Alert alert) {
        if (alerts.remove(alert.id(), alert)) {
            unindex(alert);
            alert.offers().forEach(o -> alertByOffer.remove(o.id()));
        }
    }

    /** Closed alerts closed before the cutoff, oldest first, at most {@code max}. */
    public List<Alert> closedBefore(Instant cutoff, int max) {
        List<Alert> old = new ArrayList<>();
        for (Alert alert : closed.descendingSet()) {
            if (old.size() >= max || !closedAt(alert).isBefore(cutoff)) {
                break;
            }
            old.add(alert);
        }
        return old;
    }

    private void index(Alert alert) {
        if (alert.state().isOpen()) {
            open.add(alert);
            openCount.incrementAndGet();
            openBySubject.computeIfAbsent(AlertSubjects.of(alert), s -> ConcurrentHashMap.newKeySet()).add(alert.id());
            for (String provider : liveProviders(alert)) {
                liveByProvider.computeIfAbsent(provider, p -> ConcurrentHashMap.newKeySet()).add(alert.id());
            }
        } else {
            closed.add(alert);
        }
        for (Offer offer : alert.offers()) {
            alertByOffer.put(offer.id(), alert.id());
        }
        alert.nextDeadline().ifPresent(at -> {
            deadlineOf.put(alert.id(), at);
            deadlines.computeIfAbsent(at, t -> ConcurrentHashMap.newKeySet()).add(alert.id());
        });
    }

    private void unindex(Alert alert) {
        if (open.remove(alert)) {
            openCount.decrementAndGet();
        }
        closed.remove(alert);
        removeFrom(openBySubject, AlertSubjects.of(alert), alert.id());
        for (String provider : liveProviders(alert)) {
            removeFrom(liveByProvider, provider, alert.id());
        }
        Instant old = deadlineOf.remove(alert.id());
        if (old != null) {
            deadlines.computeIfPresent(old, (at, ids) -> {
                ids.remove(alert.id());
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    private static <K> void removeFrom(ConcurrentMap<K, Set<String>> index, K key, String id) {
        index.computeIfPresent(key, (k, ids) -> {
            ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
    }

    /** Providers with a pending offer for the alert, or that accepted it. */
    private static Set<String> liveProviders(Alert alert) {
        Set<String> providers = new HashSet<>();
        for (Offer offer : alert.offers()) {
            if (offer.state() == OfferState.PENDING || offer.state() == OfferState.ACCEPTED) {
                providers.add(offer.providerId());
            }
        }
        return providers;
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
        List<Alert> page = new ArrayList<>(Math.min(query.limit(), 1024));
        boolean openOnly = query.state().map(AlertState::isOpen).orElse(false);
        boolean closedOnly = query.state().map(s -> !s.isOpen()).orElse(false);
        Optional<AlertQuery.Position> after = query.after();
        if (!closedOnly && after.map(p -> !p.closed()).orElse(true)) {
            collect(open, query, page, a -> after.map(p -> isAfterOpen(a, p)).orElse(true));
        }
        if (!openOnly) {
            collect(closed, query, page, a -> after.filter(AlertQuery.Position::closed).map(p -> isAfterClosed(a, p)).orElse(true));
        }
        return Future.succeededFuture(page);
    }

    /** After the place in {@link #OPEN_ORDER}: by priority, oldest first, the id breaking ties. */
    private static boolean isAfterOpen(Alert a, AlertQuery.Position p) {
        int c = a.priority().compareTo(p.priority());
        if (c == 0) {
            c = a.receivedAt().compareTo(p.at());
        }
        return c > 0 || c == 0 && a.id().compareTo(p.id()) > 0;
    }

    /** After the place in {@link #CLOSED_ORDER}: the most recently closed first, the id breaking ties. */
    private static boolean isAfterClosed(Alert a, AlertQuery.Position p) {
        int c = p.at().compareTo(closedAt(a));
        return c > 0 || c == 0 && a.id().compareTo(p.id()) > 0;
    }

    private static void collect(NavigableSet<Alert> index, AlertQuery query, List<Alert> page, Predicate<Alert> inPage) {
        for (Alert a : index) {
            if (page.size() >= query.limit()) {
                return;
            }
            if (inPage.test(a) && query.state().map(s -> a.state() == s).orElse(true)
                    && query.priority().map(p -> a.priority() == p).orElse(true)
                    && query.residentId().map(r -> r.equals(a.residentId())).orElse(true)) {
                page.add(a);
            }
        }
    }

    @Override
    public Future<List<Alert>> openOf(String subject) {
        return Future.succeededFuture(byIds(openBySubject.getOrDefault(subject, Set.of()), Comparator.comparing(Alert::receivedAt)));
    }

    private List<Alert> byIds(Set<String> ids, Comparator<Alert> order) {
        List<Alert> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            Alert alert = alerts.get(id);
            if (alert != null && alert.state().isOpen()) {
                found.add(alert);
            }
        }
        found.sort(order);
        return found;
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
        return Future.succeededFuture(byIds(liveByProvider.getOrDefault(providerId, Set.of()), OPEN_ORDER));
    }

    @Override
    public Future<List<Alert>> receivedBetween(Instant from, Instant to) {
        return Future.succeededFuture(alerts.values().stream()
                .filter(a -> !a.receivedAt().isBefore(from) && a.receivedAt().isBefore(to))
                .toList());
    }

    @Override
    public Future<Integer> forgetClosedBefore(Instant cutoff) {
        int forgotten = 0;
        // Oldest closed alerts are at the tail of the closed index.
        for (Alert alert = closed.isEmpty() ? null : closed.last();
             alert != null && closedAt(alert).isBefore(cutoff);
             alert = closed.isEmpty() ? null : closed.last()) {
            unindex(alert);
            alerts.remove(alert.id());
            alert.offers().forEach(o -> alertByOffer.remove(o.id()));
            forgotten++;
        }
        return Future.succeededFuture(forgotten);
    }

    @Override
    public long openCount() {
        return openCount.get();
    }
}
