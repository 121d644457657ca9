package io.onekey.dispatcher.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChange;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.alert.AlertSubjects;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.eventlog.DuplicateAlarmException;
import io.onekey.dispatcher.store.Codec;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Alerts in Redis, shared by every node. Each alert is a hash holding its version and its JSON;
 * a save is one Lua script that checks the version, writes the alert and all its indexes (open,
 * closed, received, deadlines, offers, the open alert of each subject and kind) and claims the
 * dedup keys of the alarms behind the change, then publishes the change to the other nodes.
 * Two nodes can therefore never both move one alert: the second save is refused as stale, and
 * two nodes can never open two alerts for one press, or two of one kind for one resident.
 *
 * <p>Every node keeps a mirror of the open and recently closed alerts in memory (the queue, a
 * subject's open alerts, a provider's jobs are read on event loops for every change), updated
 * by its own saves and by the changes the others publish. A change made from a stale mirror
 * copy is refused by Redis, and the mirror copy is refreshed before the refusal is reported,
 * so a retry works from the current version.
 */
public final class RedisAlertStore implements AlertStore {

    static final String CHANGE = "alert";
    private static final LuaScript SAVE = LuaScript.load("save-alert.lua");
    private static final LuaScript CLAIM = LuaScript.load("claim-deadlines.lua");
    private static final LuaScript FORGET = LuaScript.load("forget-alerts.lua");
    /** How long a node holds a due deadline before another may take it over. */
    private static final Duration DEADLINE_LEASE = Duration.ofSeconds(5);
    private static final int CLAIM_AT_MOST = 256;
    private static final long DEDUP_LIFETIME_SECONDS = Duration.ofDays(30).toSeconds();

    private final RedisLink link;
    private final RedisKeys keys;
    private final Clock clock;
    private final Duration recent;
    private final RedisDedupKeys dedupKeys;
    private final InMemoryAlertStore mirror = new InMemoryAlertStore();
    private volatile Consumer<AlertChange> remoteListener = change -> { };

    /**
     * Loads the open and recently closed alerts into the mirror (blocking: call at start-up)
     * and starts hearing the other nodes' changes.
     */
    public RedisAlertStore(RedisLink link, Clock clock, Duration recent, RedisDedupKeys dedupKeys) {
        this.link = link;
        this.keys = link.keys();
        this.clock = clock;
        this.recent = recent;
        this.dedupKeys = dedupKeys;
        link.onChange(CHANGE, this::heard);
        link.onReconnect(this::catchUpAfterReconnection);
        try {
            catchUp().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the alerts from Redis: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the open and recently closed alerts into the mirror: at start, and after a
     * reconnection, when changes published meanwhile were missed. What changed is told to the
     * remote-change listener like any other node's change.
     */
    private CompletionStage<Void> catchUp() {
        return link.commands().zrange(keys.openAlerts(), 0, -1)
                .thenCombine(link.commands().zrangebyscore(keys.closedAlerts(),
                        Range.create(clock.instant().minus(recent).toEpochMilli(), Long.MAX_VALUE)), (open, closed) -> {
                    List<String> ids = new ArrayList<>(open);
                    ids.addAll(closed);
                    return ids;
                })
                .thenCompose(ids -> CompletableFuture.allOf(ids.stream()
                        .map(id -> fetch(id).thenAccept(found -> found.ifPresent(this::apply)).toCompletableFuture())
                        .toArray(CompletableFuture[]::new)));
    }

    /** The commands' connection may come back a moment after the change channel: tries until it works. */
    private void catchUpAfterReconnection() {
        catchUp().whenComplete((v, e) -> {
            if (e != null) {
                LoggerFactory.getLogger(RedisAlertStore.class).debug("alerts not read back yet after a reconnection: {}", e.toString());
                link.later(this::catchUpAfterReconnection, Duration.ofMillis(500));
            }
        });
    }

    /** A version read from Redis or heard from another node: mirrored if newer, and told. */
    private void apply(Alert after) {
        Alert before = mirrorIfNewer(after);
        if (before != after) {
            remoteListener.accept(new AlertChange(before, after, Optional.empty()));
        }
    }

    /** Hears each change another node saved (on a Lettuce thread): the feed's fan-out and the provider load follow them. */
    public void onRemoteChange(Consumer<AlertChange> listener) {
        this.remoteListener = listener;
    }

    private void heard(String json) {
        apply(Codec.read(json, Alert.class));
    }

    /**
     * Puts the alert into the mirror unless the mirror already holds this version or a newer one.
     * Returns the version it replaced (null if none), or the alert itself when it was not newer.
     */
    private Alert mirrorIfNewer(Alert alert) {
        synchronized (mirror) {
            Optional<Alert> held = mirror.get(alert.id()).result();
            if (held.isPresent() && held.get().version() >= alert.version()) {
                return alert;
            }
            mirror.restore(alert);
            return held.orElse(null);
        }
    }

    private CompletionStage<Optional<Alert>> fetch(String id) {
        return link.commands().hget(keys.alert(id), "json")
                .thenApply(json -> Optional.ofNullable(json).map(j -> Codec.read(j, Alert.class)));
    }

    /** A shared store learns of a stale copy only from Redis's reply: a change waits for it. */
    @Override
    public boolean decidesOnReply() {
        return true;
    }

    @Override
    public Future<Void> save(Alert alert) {
        List<String> claimed = dedupKeys.drain();
        List<String> keyList = new ArrayList<>(List.of(keys.alert(alert.id()), keys.openAlerts(), keys.closedAlerts(),
                keys.receivedAlerts(), keys.deadlines(), keys.offers(), keys.openByKind()));
        claimed.forEach(k -> keyList.add(keys.dedup(k)));
        List<String> args = new ArrayList<>();
        String json = Codec.write(alert);
        boolean open = alert.state().isOpen();
        args.add(Long.toString(alert.version()));
        args.add(json);
        args.add(alert.id());
        args.add(open ? "1" : "0");
        args.add(Long.toString(alert.receivedAt().toEpochMilli()));
        args.add(Long.toString(closedAt(alert).toEpochMilli()));
        args.add(alert.nextDeadline().map(at -> Long.toString(at.toEpochMilli())).orElse(""));
        args.add(AlertSubjects.mergeKey(alert));
        args.add(Long.toString(DEDUP_LIFETIME_SECONDS));
        args.add(Integer.toString(alert.offers().size()));
        alert.offers().forEach(o -> args.add(o.id()));
        args.add(keys.changes());
        args.add(CHANGE + "\n" + link.node() + "\n");
        CompletionStage<List<Object>> reply = link.eval(SAVE, ScriptOutputType.MULTI, keyList.toArray(String[]::new),
                args.toArray(String[]::new));
        return RedisLink.onCaller(reply.thenCompose(result -> outcome(alert, result, claimed)))
                .onFailure(e -> {
                    if (!(e instanceof DuplicateAlarmException)) {
                        dedupKeys.putBack(claimed); // the alarm is not stored: its key must not be spent
                    }
                });
    }

    private CompletionStage<Void> outcome(Alert alert, List<Object> result, List<String> claimed) {
        String verdict = String.valueOf(result.get(0));
        switch (verdict) {
            case "OK" -> {
                mirrorIfNewer(alert);
                dedupKeys.stored(claimed);
                return CompletableFuture.completedFuture(null);
            }
            case "STALE" -> {
                // Someone else moved the alert: refresh the mirror so that a retry starts from their version.
                return refreshed(alert.id()).thenCompose(v -> CompletableFuture.failedStage(DispatchException.conflict("alert "
                        + alert.id() + " changed meanwhile (version " + result.get(1) + ", change made from version "
                        + (alert.version() - 1) + "); reload and retry")));
            }
            case "OPEN" -> {
                String other = String.valueOf(result.get(1));
                return refreshed(other).thenCompose(v -> CompletableFuture.failedStage(DispatchException.conflict(
                        "another node opened alert " + other + " of this kind for this resident meanwhile; retry merges into it")));
            }
            case "DUPLICATE" -> {
                return CompletableFuture.failedStage(new DuplicateAlarmException(String.valueOf(result.get(1))));
            }
            default -> {
                return CompletableFuture.failedStage(new IllegalStateException("unexpected reply from Redis: " + result));
            }
        }
    }

    private CompletionStage<Void> refreshed(String id) {
        return fetch(id).thenAccept(found -> found.ifPresent(this::apply));
    }

    private static Instant closedAt(Alert alert) {
        return alert.timing().closedAt() != null ? alert.timing().closedAt() : alert.lastPressAt();
    }

    @Override
    public Future<Optional<Alert>> get(String id) {
        Optional<Alert> held = mirror.get(id).result();
        if (held.isPresent()) {
            return Future.succeededFuture(held);
        }
        return RedisLink.onCaller(fetch(id));
    }

    @Override
    public Future<Optional<Alert>> byOffer(String offerId) {
        Optional<Alert> held = mirror.byOffer(offerId).result();
        if (held.isPresent()) {
            return Future.succeededFuture(held);
        }
        return RedisLink.onCaller(link.commands().hget(keys.offers(), offerId)
                .thenCompose(id -> id == null ? CompletableFuture.completedFuture(Optional.<Alert>empty()) : fetch(id)));
    }

    @Override
    public Future<List<Alert>> list(AlertQuery query) {
        return mirror.list(query);
    }

    @Override
    public Future<List<Alert>> openOf(String subject) {
        return mirror.openOf(subject);
    }

    /**
     * Claims the due deadlines (no other node gets them for a lease) and refreshes the claimed
     * alerts in the mirror, so the clock works from their current versions.
     */
    @Override
    public Future<List<String>> due(Instant now) {
        CompletionStage<List<String>> claimed = link.<List<Object>>eval(CLAIM, ScriptOutputType.MULTI,
                        new String[] {keys.deadlines()}, Long.toString(now.toEpochMilli()),
                        Long.toString(DEADLINE_LEASE.toMillis()), Integer.toString(CLAIM_AT_MOST))
                .thenCompose(ids -> {
                    List<String> due = ids.stream().map(String::valueOf).toList();
                    CompletableFuture<?>[] refreshes = due.stream().map(id -> refreshed(id).toCompletableFuture())
                            .toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(refreshes).thenApply(v -> due);
                });
        return RedisLink.onCaller(claimed);
    }

    @Override
    public Future<List<Alert>> ofProvider(String providerId) {
        return mirror.ofProvider(providerId);
    }

    @Override
    public Future<List<Alert>> receivedBetween(Instant from, Instant to) {
        CompletionStage<List<Alert>> found = link.commands().zrangebyscore(keys.receivedAlerts(),
                        Range.from(Range.Boundary.including(from.toEpochMilli()), Range.Boundary.excluding(to.toEpochMilli())))
                .thenCompose(ids -> {
                    List<CompletableFuture<Optional<Alert>>> reads = ids.stream()
                            .map(id -> fetch(id).toCompletableFuture()).toList();
                    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                            .thenApply(v -> reads.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
                });
        return RedisLink.onCaller(found);
    }

    @Override
    public Future<Integer> forgetClosedBefore(Instant cutoff) {
        Instant keepInMirror = clock.instant().minus(recent);
        synchronized (mirror) {
            mirror.closedBefore(keepInMirror.isBefore(cutoff) ? cutoff : keepInMirror, Integer.MAX_VALUE).forEach(mirror::evict);
        }
        CompletionStage<Integer> forgotten = link.<List<Object>>eval(FORGET, ScriptOutputType.MULTI,
                new String[] {keys.closedAlerts(), keys.receivedAlerts(), keys.deadlines(), keys.offers()},
                Long.toString(cutoff.toEpochMilli()), "1000", keys.alert("")).thenApply(List::size);
        return RedisLink.onCaller(forgotten);
    }

    @Override
    public long openCount() {
        return mirror.openCount();
    }
}
