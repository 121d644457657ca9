package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.directory.Directory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reaches a provider every way it has: its open screens (WebSocket) and its own system (webhook). */
public final class ProviderNotifier {

    private static final Logger log = LoggerFactory.getLogger(ProviderNotifier.class);

    private final LiveFeed feed;
    private final WebhookSender webhooks;
    private final Directory directory;

    /**
     * @param webhooks null on a node that only relays another node's changes to its own screens:
     *                 the node that made the change sends the webhooks, once
     */
    public ProviderNotifier(LiveFeed feed, WebhookSender webhooks, Directory directory) {
        this.feed = feed;
        this.webhooks = webhooks;
        this.directory = directory;
    }

    /** Succeeds when a screen took the message; the webhook is delivered (and retried) on its own. */
    public Future<Void> send(String providerId, String alertId, JsonObject message) {
        directory.provider(providerId).filter(p -> webhooks != null).ifPresent(provider -> {
            try {
                webhooks.send(provider, alertId, message);
            } catch (RuntimeException e) {
                // A provider's broken webhook must never stop an alert from moving on.
                log.warn("alert {}: webhook to provider {} not sent: {}", alertId, providerId, e.toString());
            }
        });
        return feed.toProvider(providerId, message);
    }
}
