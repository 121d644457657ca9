package io.onekey.dispatcher.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.monitoring.MetricNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs provider messages (offers and their fate) to providers that run their own systems,
 * signed (see {@link WebhookSigner}), retried with exponential backoff until delivered or the
 * retry period is over. Every attempt and its outcome goes into the alert's history (through
 * {@link Outcomes}, which hands it to the dispatcher), without naming internal addresses.
 *
 * <p>Messages to one provider go one at a time, in the order they were made, so a provider
 * never hears "offer" after the "expired" of the same offer. Each delivery resolves the
 * target's name itself and connects to an address {@link WebhookTargets} allows. Runs on the
 * live feed's context: the HTTP client calls back on the context that sent the request.
 */
public final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /**
     * @param retryBase           first delay; each next one doubles, up to {@code maxDelay}
     * @param retryFor            how long to keep trying
     * @param allowPrivateTargets networks and host names allowed although private (on-premises systems)
     */
    public record Settings(Duration retryBase, Duration maxDelay, Duration retryFor, Duration timeout,
                           List<String> allowPrivateTargets) {

        public Settings {
            allowPrivateTargets = List.copyOf(allowPrivateTargets);
            new WebhookTargets(allowPrivateTargets); // refuses an entry it cannot read, naming the setting
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofSeconds(10),
                    List.of());
        }
    }

    /** Where each attempt's outcome goes: the alert's history. */
    @FunctionalInterface
    public interface Outcomes {
        void record(String alertId, String note);
    }

    private record Delivery(Provider provider, String alertId, String body, String id, Instant firstTry) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Clock clock;
    private final Outcomes outcomes;
    private final Settings settings;
    private final WebhookTargets targets;
    private final AtomicLong deliveries = new AtomicLong();
    /** Deliveries waiting per provider; the head is the one under way. Touched on one context only. */
    private final Map<String, Deque<Delivery>> queues = new HashMap<>();
    private final Counter attempts;
    private final Counter delivered;
    private final Counter failed;
    private final Counter refused;

    public WebhookSender(Vertx vertx, Clock clock, Outcomes outcomes, Settings settings, MeterRegistry registry) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) settings.timeout().toMillis()));
        this.clock = clock;
        this.outcomes = outcomes;
        this.settings = settings;
        this.targets = new WebhookTargets(settings.allowPrivateTargets());
        this.attempts = Counter.builder(MetricNames.WEBHOOK_ATTEMPTS).description("Webhook attempts made").register(registry);
        this.delivered = Counter.builder(MetricNames.WEBHOOKS_DELIVERED).description("Webhook messages delivered").register(registry);
        this.failed = Counter.builder(MetricNames.WEBHOOK_ATTEMPTS_FAILED).description("Webhook attempts that failed").register(registry);
        this.refused = Counter.builder(MetricNames.WEBHOOKS_REFUSED)
                .description("Webhook messages not sent: the target is a private or local address").register(registry);
    }

    public WebhookTargets targets() {
        return targets;
    }

    /** Queues the message for the provider's webhook, if it has one. */
    public void send(Provider provider, String alertId, JsonObject message) {
        if (provider.webhookUrl() == null) {
            return;
        }
        Delivery delivery = new Delivery(provider, alertId, message.encode(), "D" + deliveries.incrementAndGet(), clock.instant());
        Deque<Delivery> queue = queues.computeIfAbsent(provider.id(), id -> new ArrayDeque<>());
        queue.addLast(delivery);
        if (queue.size() == 1) {
            attempt(delivery, 1);
        }
    }

    /** The head delivery of a provider is done (delivered, refused or abandoned): the next one goes. */
    private void done(Delivery delivery) {
        Deque<Delivery> queue = queues.get(delivery.provider().id());
        if (queue == null) {
            return;
        }
        queue.pollFirst();
        if (queue.isEmpty()) {
            queues.remove(delivery.provider().id());
        } else {
            attempt(queue.peekFirst(), 1);
        }
    }

    private void attempt(Delivery d, int attempt) {
        String prefix = "webhook " + d.id() + " to " + d.provider().id() + ", attempt " + attempt + ": ";
        if (targets.refusal(d.provider().webhookUrl()).isPresent()) {
            refuse(d, prefix);
            return;
        }
        attempts.increment();
        URI uri = URI.create(d.provider().webhookUrl());
        resolve(uri.getHost()).onComplete(resolved -> {
            if (resolved.failed()) {
                retryOrGiveUp(d, attempt, prefix, "host not found");
                return;
            }
            if (!targets.allowed(resolved.result())) {
                refuse(d, prefix);
                return;
            }
            post(d, attempt, prefix, uri, resolved.result());
        });
    }

    /** Names are resolved on a worker thread: a DNS lookup blocks. */
    private Future<InetAddress> resolve(String host) {
        return vertx.executeBlocking(() -> {
            InetAddress[] all = InetAddress.getAllByName(host);
            // Every address the name has must be allowed: otherwise the first allowed one is no guarantee.
            for (InetAddress address : all) {
                if (!targets.allowed(address)) {
                    return address;
                }
            }
            return all[0];
        }, false);
    }

    private void post(Delivery d, int attempt, String prefix, URI uri, InetAddress address) {
        long timestamp = clock.instant().getEpochSecond();
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(d.provider().webhookUrl())
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setTimeout(settings.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(d.provider().webhookSecret(), timestamp, d.body()))
                .putHeader(WebhookSigner.DELIVERY_HEADER, d.id());
        client.request(request)
                .compose(req -> req.send(d.body()))
                .onComplete(ar -> {
                    int status = ar.succeeded() ? ar.result().statusCode() : 0;
                    if (status >= 200 && status < 300) {
                        delivered.increment();
                        record(d.alertId(), prefix + "delivered (HTTP " + status + ")");
                        done(d);
                        return;
                    }
                    retryOrGiveUp(d, attempt, prefix, ar.succeeded() ? "HTTP " + status : describe(ar.cause()));
                });
    }

    private void retryOrGiveUp(Delivery d, int attempt, String prefix, String outcome) {
        failed.increment();
        Duration delay = delay(attempt);
        boolean again = Duration.between(d.firstTry(), clock.instant()).plus(delay).compareTo(settings.retryFor()) <= 0;
        record(d.alertId(), prefix + "failed (" + outcome + ")" + (again ? ", next in " + delay.toMillis() + " ms" : ", giving up"));
        if (again) {
            vertx.setTimer(delay.toMillis(), id -> attempt(d, attempt + 1));
        } else {
            log.warn("webhook {} to provider {} abandoned after {} attempts", d.id(), d.provider().id(), attempt);
            done(d);
        }
    }

    private void refuse(Delivery d, String prefix) {
        refused.increment();
        record(d.alertId(), prefix + "not sent: " + WebhookTargets.privateRefusal());
        done(d);
    }

    /** What went wrong, in words that name no internal address, port or class. */
    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof TimeoutException || String.valueOf(cause.getMessage()).toLowerCase().contains("timeout")) {
            return "timed out";
        }
        if (cause instanceof UnknownHostException) {
            return "host not found";
        }
        return "connection failed";
    }

    private Duration delay(int attempt) {
        long millis = settings.retryBase().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxDelay().toMillis()));
    }

    private void record(String alertId, String note) {
        try {
            outcomes.record(alertId, note);
        } catch (RuntimeException e) {
            log.warn("alert {}: webhook outcome not recorded: {}", alertId, e.toString());
        }
    }
}
