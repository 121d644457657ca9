package io.onekey.dispatcher.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * One signed POST to a system that is not a provider (a relative's app, the emergency-services
 * integration): the same signature headers and the same refusal of private addresses as the
 * provider webhooks, and the answer handed back to the caller, who records it.
 */
public final class SignedPost {

    /** What the target answered. */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Clock clock;
    private final WebhookTargets targets;
    private final Duration timeout;

    public SignedPost(Vertx vertx, Clock clock, WebhookTargets targets, Duration timeout) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()));
        this.clock = clock;
        this.targets = targets;
        this.timeout = timeout;
    }

    public Future<Answer> post(String url, String secret, JsonObject message) {
        if (targets.refusal(url).isPresent()) {
            return Future.failedFuture(WebhookTargets.privateRefusal());
        }
        URI uri = URI.create(url);
        String body = message.encode();
        return vertx.executeBlocking(() -> {
            InetAddress[] all = InetAddress.getAllByName(uri.getHost());
            for (InetAddress address : all) {
                if (!targets.allowed(address)) {
                    throw new IllegalStateException(WebhookTargets.privateRefusal());
                }
            }
            return all[0];
        }, false).compose(address -> {
            long timestamp = clock.instant().getEpochSecond();
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setTimeout(timeout.toMillis())
                    .putHeader("Content-Type", "application/json")
                    .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .putHeader(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, timestamp, body))
                    .putHeader(WebhookSigner.DELIVERY_HEADER, "H" + UUID.randomUUID());
            return client.request(request).compose(req -> req.send(body))
                    .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b.toString())));
        });
    }
}
