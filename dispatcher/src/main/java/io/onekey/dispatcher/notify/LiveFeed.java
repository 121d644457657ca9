package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.api.Principal;
import io.onekey.dispatcher.api.Role;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The open WebSocket connections, by who is behind them: offers go to the provider concerned
 * (every screen it has open), alert changes to operators, escalations to supervisors.
 *
 * <p>Every message carries a change number ({@code seq}). The last five minutes of messages
 * are kept, so a client that reconnects with {@code ?since=<last seq seen>} is sent, in order,
 * every change it missed and was entitled to see.
 */
public final class LiveFeed {

    private static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private record Change(long seq, Instant at, Predicate<Principal> audience, String text) {
    }

    private final Clock clock;
    private final Map<ServerWebSocket, Principal> connections = new ConcurrentHashMap<>();
    private final Deque<Change> recent = new ArrayDeque<>();
    private long seq;

    public LiveFeed(Clock clock) {
        this.clock = clock;
    }

    /** Registers a connection and replays what it missed since {@code since} (-1: nothing). */
    public synchronized void add(Principal principal, ServerWebSocket socket, long since) {
        if (since >= 0) {
            for (Change change : recent) {
                if (change.seq() > since && change.audience().test(principal)) {
                    socket.writeTextMessage(change.text());
                }
            }
        }
        connections.put(socket, principal);
        socket.closeHandler(v -> connections.remove(socket));
    }

    /** Closes the connections opened with a token that was revoked. */
    public void disconnect(Predicate<Principal> who) {
        connections.forEach((socket, principal) -> {
            if (who.test(principal)) {
                socket.close((short) 1008, "token revoked");
            }
        });
    }

    public int count() {
        return connections.size();
    }

    public synchronized long lastSeq() {
        return seq;
    }

    /**
     * Sends to every connection of the provider. Succeeds when at least one took it; fails
     * when the provider has none (the offer then waits for an answer or its timeout).
     */
    public Future<Void> toProvider(String providerId, JsonObject message) {
        List<Future<Void>> writes = publish(who -> who.role() == Role.PROVIDER && who.subject().equals(providerId), message);
        if (writes.isEmpty()) {
            return Future.failedFuture("provider " + providerId + " has no open connection");
        }
        return Future.any(writes).mapEmpty();
    }

    /** Alert changes: every operator, supervisor and admin screen. */
    public void toOperators(JsonObject message) {
        publish(who -> who.role().covers(Role.OPERATOR), message);
    }

    /** Escalations: supervisors and admins. */
    public void toSupervisors(JsonObject message) {
        publish(who -> who.role().covers(Role.SUPERVISOR), message);
    }

    private synchronized List<Future<Void>> publish(Predicate<Principal> audience, JsonObject message) {
        Instant now = clock.instant();
        String text = message.copy().put("seq", ++seq).encode();
        recent.addLast(new Change(seq, now, audience, text));
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(now.minus(REPLAY_WINDOW))) {
            recent.removeFirst();
        }
        List<Future<Void>> writes = new ArrayList<>();
        connections.forEach((socket, who) -> {
            if (!audience.test(who)) {
                return;
            }
            if (socket.writeQueueFull()) {
                // A client that does not read: drop it; on reconnect it gets what it missed.
                socket.close((short) 1013, "too slow");
                return;
            }
            writes.add(socket.writeTextMessage(text));
        });
        return writes;
    }
}
