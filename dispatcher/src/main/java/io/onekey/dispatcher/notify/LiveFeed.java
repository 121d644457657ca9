package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open WebSocket connections, by who is behind them: offers go to the provider concerned
 * (every screen it has open), alert changes to operators, escalations to supervisors.
 *
 * <p>The feed owns its own context: every connection, every replayed change and every write
 * is handled there, and the public methods only hand work over to it. Nothing is shared with
 * the dispatcher or the HTTP loop, so a slow client or a burst of reconnects never holds an
 * alarm up. A client that cannot keep up is dropped; on reconnect it gets what it missed.
 *
 * <p>Every message carries a change number ({@code seq}). The last five minutes of messages
 * are kept, so a client that reconnects with {@code ?since=<last seq seen>} is sent, in order,
 * every change it missed and was entitled to see.
 */
public final class LiveFeed extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private record Change(long seq, Instant at, Predicate<Principal> audience, String text) {
    }

    private final Clock clock;
    // Confined to the feed's context.
    private final Map<ServerWebSocket, Principal> connections = new HashMap<>();
    private final Deque<Change> recent = new ArrayDeque<>();
    private long seq;
    // Read from anywhere.
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong lastSeq = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Integer> providerConnections = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Principal, Integer> staffConnections = new java.util.concurrent.ConcurrentHashMap<>();

    public LiveFeed(Clock clock) {
        this.clock = clock;
        // Change numbers start from the clock, so they keep growing across restarts: a client's
        // ?since= from before a restart is never mistaken for a number of the new run.
        this.seq = clock.millis() * 1000;
        this.lastSeq.set(seq);
    }

    /** Runs the task on the feed's context; a task that throws is logged, never propagated. */
    public void execute(Runnable task) {
        Context own = context;
        if (own == null) {
            throw new IllegalStateException("the live feed is not deployed");
        }
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("live feed task failed: {}", e.toString());
            }
        };
        if (Vertx.currentContext() == own) {
            guarded.run();
        } else {
            try {
                own.runOnContext(v -> guarded.run());
            } catch (RejectedExecutionException stopping) {
                // The server is stopping and the feed's loop is gone: nothing is left to tell.
            }
        }
    }

    /**
     * Greets a connection with {@code hello} (given the current change number), replays what
     * it missed since {@code since} (-1: nothing) and registers it, all in one step on the
     * feed's context, so that no change falls between the greeting and the registration.
     */
    public void add(Principal principal, ServerWebSocket socket, long since, JsonObject hello) {
        socket.closeHandler(v -> execute(() -> forget(socket)));
        execute(() -> {
            // The greeting tells the client where it stands. While it is sent what it missed, that
            // is still its own ?since=: a client that takes the current number from the greeting
            // and is cut off during the replay would ask too late next time and never see the rest.
            boolean replaying = since >= 0 && since < seq && !missedMoreThanKept(since);
            if (write(socket, hello.copy().put("seq", replaying ? since : seq).encode()).isEmpty()) {
                return; // gone before it was greeted
            }
            if (since >= 0 && missedMoreThanKept(since)) {
                // The changes since then are gone (a restart, or a long absence): start afresh.
                write(socket, new JsonObject().put("type", "reload").put("seq", seq)
                        .put("reason", "changes after " + since + " are no longer available; reload the list").encode());
            } else if (since >= 0) {
                for (Change change : recent) {
                    if (change.seq() > since && change.audience().test(principal) && write(socket, change.text()).isEmpty()) {
                        return;
                    }
                }
            }
            if (!socket.isClosed() && connections.put(socket, principal) == null) {
                open.incrementAndGet();
                if (principal.role() == Role.PROVIDER) {
                    providerConnections.merge(principal.subject(), 1, Integer::sum);
                } else {
                    staffConnections.merge(principal, 1, Integer::sum);
                }
            }
        });
    }

    /** True when a change after {@code since} was made but is no longer in the replay window. */
    private boolean missedMoreThanKept(long since) {
        if (since >= seq) {
            return false;
        }
        return recent.isEmpty() || recent.peekFirst().seq() > since + 1;
    }

    /** Closes the connections opened with a token that was revoked. */
    public void disconnect(Predicate<Principal> who) {
        execute(() -> connections.forEach((socket, principal) -> {
            if (who.test(principal)) {
                socket.close((short) 1008, "token revoked");
            }
        }));
    }

    /** True while the provider has a connection on this feed; read from any thread. */
    public boolean providerConnected(String providerId) {
        return providerConnections.containsKey(providerId);
    }

    /** Operators, supervisors and admins with a console open now (by token), read from any thread. */
    public java.util.Set<Principal> staffSignedIn() {
        return java.util.Set.copyOf(staffConnections.keySet());
    }

    public int count() {
        return open.get();
    }

    public long lastSeq() {
        return lastSeq.get();
    }

    /** Clients dropped for not reading their messages. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Sends to every connection of the provider. Succeeds when at least one took it; fails
     * when the provider has none (the offer then waits for an answer or its timeout).
     */
    public Future<Void> toProvider(String providerId, JsonObject message) {
        Promise<Void> sent = Promise.promise();
        execute(() -> {
            List<Future<Void>> writes = publish(who -> who.role() == Role.PROVIDER && who.subject().equals(providerId), message);
            if (writes.isEmpty()) {
                sent.fail("provider " + providerId + " has no open connection");
            } else {
                Future.any(writes).<Void>mapEmpty().onComplete(sent);
            }
        });
        return sent.future();
    }

    /** Alert changes: every operator, supervisor and admin screen. */
    public void toOperators(JsonObject message) {
        execute(() -> publish(who -> who.role().covers(Role.OPERATOR), message));
    }

    /** Escalations: supervisors and admins. */
    public void toSupervisors(JsonObject message) {
        execute(() -> publish(who -> who.role().covers(Role.SUPERVISOR), message));
    }

    /** Writes to one socket; a socket closed meanwhile (its close event not yet here) is simply gone. */
    private static Optional<Future<Void>> write(ServerWebSocket socket, String text) {
        try {
            return Optional.of(socket.writeTextMessage(text));
        } catch (IllegalStateException closed) {
            return Optional.empty();
        }
    }

    private void forget(ServerWebSocket socket) {
        Principal gone = connections.remove(socket);
        if (gone != null) {
            open.decrementAndGet();
            if (gone.role() == Role.PROVIDER) {
                providerConnections.computeIfPresent(gone.subject(), (id, n) -> n <= 1 ? null : n - 1);
            } else {
                staffConnections.computeIfPresent(gone, (id, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    private List<Future<Void>> publish(Predicate<Principal> audience, JsonObject message) {
        Instant now = clock.instant();
        String text = message.copy().put("seq", ++seq).encode();
        lastSeq.set(seq);
        recent.addLast(new Change(seq, now, audience, text));
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(now.minus(REPLAY_WINDOW))) {
            recent.removeFirst();
        }
        List<Future<Void>> writes = new ArrayList<>();
        List<ServerWebSocket> gone = new ArrayList<>();
        connections.forEach((socket, who) -> {
            if (!audience.test(who)) {
                return;
            }
            if (socket.writeQueueFull()) {
                // A client that does not read: drop it; on reconnect it gets what it missed.
                dropped.incrementAndGet();
                socket.close((short) 1013, "too slow");
                gone.add(socket);
                return;
            }
            write(socket, text).ifPresentOrElse(writes::add, () -> gone.add(socket));
        });
        gone.forEach(this::forget);
        return writes;
    }
}
