package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.api.Principal;
import io.onekey.dispatcher.api.Role;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSocket connections, by who is behind them: offers go to the provider concerned
 * (every screen it has open), alert changes to operators, escalations to supervisors.
 */
public final class LiveFeed {

    private final Map<ServerWebSocket, Principal> connections = new ConcurrentHashMap<>();

    public void add(Principal principal, ServerWebSocket socket) {
        connections.put(socket, principal);
        socket.closeHandler(v -> connections.remove(socket));
    }

    public int count() {
        return connections.size();
    }

    /**
     * Sends to every connection of the provider. Succeeds when at least one took it; fails
     * when the provider has none (the offer then waits for an answer or its timeout).
     */
    public Future<Void> toProvider(String providerId, JsonObject message) {
        List<ServerWebSocket> sockets = new ArrayList<>();
        connections.forEach((socket, who) -> {
            if (who.role() == Role.PROVIDER && who.subject().equals(providerId)) {
                sockets.add(socket);
            }
        });
        if (sockets.isEmpty()) {
            return Future.failedFuture("provider " + providerId + " has no open connection");
        }
        String text = message.encode();
        List<Future<Void>> writes = new ArrayList<>(sockets.size());
        sockets.forEach(socket -> writes.add(socket.writeTextMessage(text)));
        return Future.any(writes).mapEmpty();
    }

    /** Alert changes: every operator, supervisor and admin screen. */
    public void toOperators(JsonObject message) {
        broadcast(Role.OPERATOR, message);
    }

    /** Escalations: supervisors and admins. */
    public void toSupervisors(JsonObject message) {
        broadcast(Role.SUPERVISOR, message);
    }

    private void broadcast(Role atLeast, JsonObject message) {
        String text = message.encode();
        connections.forEach((socket, who) -> {
            if (who.role().covers(atLeast)) {
                socket.writeTextMessage(text);
            }
        });
    }
}
