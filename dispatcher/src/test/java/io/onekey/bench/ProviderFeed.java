package io.onekey.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One provider's live feed on the API node, handing each offer on as it
 * arrives. The feed drops a client that does not keep up; like the provider's app, this one
 * then reconnects with {@code ?since=} the last change it saw and is sent what it missed.
 */
final class ProviderFeed implements WebSocket.Listener {
    private final HttpClient http;
    private final URI uri;
    private final String token;
    private final BiConsumer<JsonObject, Long> onOffer;
    private final AtomicLong reconnects;
    private final StringBuilder partial = new StringBuilder();
    private volatile long lastSeq = -1;
    private volatile boolean closing;
    private volatile WebSocket socket;

    /** {@code onOffer} hears each offer message (the offer and its alert) and when it arrived (µs since the epoch). */
    ProviderFeed(HttpClient http, URI uri, String token, BiConsumer<JsonObject, Long> onOffer, AtomicLong reconnects) {
        this.http = http;
        this.uri = uri;
        this.token = token;
        this.onOffer = onOffer;
        this.reconnects = reconnects;
    }

    CompletableFuture<WebSocket> connect(long since) {
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(10))
                .buildAsync(since >= 0 ? URI.create(uri + "?since=" + since) : uri, this)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        reconnectLater();
                    } else {
                        socket = ws;
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // Read as fast as messages come: no per-message demand to hold the server's writes back.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long at = ScaleTerminals.wallMicros();
        partial.append(data);
        if (last) {
            JsonObject message = new JsonObject(partial.toString());
            partial.setLength(0);
            lastSeq = Math.max(lastSeq, message.getLong("seq", -1L));
            if ("offer".equals(message.getString("type"))) {
                onOffer.accept(message, at);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        reconnectLater();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        reconnectLater();
    }

    private void reconnectLater() {
        if (!closing) {
            reconnects.incrementAndGet();
            partial.setLength(0);
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> connect(lastSeq));
        }
    }

    void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
