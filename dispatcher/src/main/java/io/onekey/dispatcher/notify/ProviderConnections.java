package io.onekey.dispatcher.notify;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The open WebSocket connections of each provider, so an offer reaches every screen it has open. */
public final class ProviderConnections {

    private final ConcurrentMap<String, Set<ServerWebSocket>> byProvider = new ConcurrentHashMap<>();

    public void add(String providerId, ServerWebSocket socket) {
        byProvider.computeIfAbsent(providerId, id -> ConcurrentHashMap.newKeySet()).add(socket);
        socket.closeHandler(v -> remove(providerId, socket));
    }

    private void remove(String providerId, ServerWebSocket socket) {
        byProvider.computeIfPresent(providerId, (id, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    public int count() {
        return byProvider.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Sends a message to every connection of the provider. Succeeds when at least one
     * connection took it; fails when the provider has none (the offer then waits for its timeout).
     */
    public Future<Void> send(String providerId, JsonObject message) {
        Set<ServerWebSocket> sockets = byProvider.get(providerId);
        if (sockets == null || sockets.isEmpty()) {
            return Future.failedFuture("provider " + providerId + " has no open connection");
        }
        String text = message.encode();
        List<Future<Void>> writes = new ArrayList<>(sockets.size());
        for (ServerWebSocket socket : sockets) {
            writes.add(socket.writeTextMessage(text));
        }
        return Future.any(writes).mapEmpty();
    }
}
