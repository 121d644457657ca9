package io.onekey.dispatcher.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.dispatcher.directory.Provider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs provider messages (offers and their fate) to providers that run their own systems,
 * signed (see {@link WebhookSigner}), retried with exponential backoff until delivered or the
 * retry period is over. Every attempt and its outcome goes into the alert's history (through
 * {@link Outcomes}, which hands it to the dispatcher). Runs on the live feed's context: the
 * HTTP client calls back on the context that sent the request.
 */
public final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /**
     * @param retryBase first delay; each next one doubles, up to {@code maxDelay}
     * @param retryFor  how long to keep trying
     */
    public record Settings(Duration retryBase, Duration maxDelay, Duration retryFor, Duration timeout) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofSeconds(10));
        }
    }

    /** Where each attempt's outcome goes: the alert's history. */
    @FunctionalInterface
    public interface Outcomes {
        void record(String alertId, String note);
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Clock clock;
    private final Outcomes outcomes;
    private final Settings settings;
    private final AtomicLong deliveries = new AtomicLong();
    private final Counter delivered;
    private final Counter failed;

    public WebhookSender(Vertx vertx, Clock clock, Outcomes outcomes, Settings settings, MeterRegistry registry) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) settings.timeout().toMillis()));
        this.clock = clock;
        this.outcomes = outcomes;
        this.settings = settings;
        this.delivered = Counter.builder("onekey.webhooks.delivered").description("Webhook messages delivered").register(registry);
        this.failed = Counter.builder("onekey.webhooks.attempts.failed").description("Webhook attempts that failed").register(registry);
    }

    /** Sends the message to the provider's webhook, if it has one. */
    public void send(Provider provider, String alertId, JsonObject message) {
        if (provider.webhookUrl() == null) {
            return;
        }
        String delivery = "D" + deliveries.incrementAndGet();
        attempt(provider, alertId, message.encode(), delivery, 1, clock.instant());
    }

    private void attempt(Provider provider, String alertId, String body, String delivery, int attempt, Instant firstTry) {
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(provider.webhookUrl())
                .setTimeout(settings.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(provider.webhookSecret(), timestamp, body))
                .putHeader(WebhookSigner.DELIVERY_HEADER, delivery);
        client.request(request)
                .compose(req -> req.send(body))
                .onComplete(ar -> {
                    int status = ar.succeeded() ? ar.result().statusCode() : 0;
                    boolean ok = status >= 200 && status < 300;
                    String outcome = ar.succeeded() ? "HTTP " + status : ar.cause().getClass().getSimpleName()
                            + (ar.cause().getMessage() == null ? "" : ": " + ar.cause().getMessage());
                    if (ok) {
                        delivered.increment();
                        record(alertId, "webhook " + delivery + " to " + provider.id() + ", attempt " + attempt + ": delivered (" + outcome + ")");
                        return;
                    }
                    failed.increment();
                    Duration delay = delay(attempt);
                    boolean again = Duration.between(firstTry, clock.instant()).plus(delay).compareTo(settings.retryFor()) <= 0;
                    record(alertId, "webhook " + delivery + " to " + provider.id() + ", attempt " + attempt + ": failed ("
                            + outcome + ")" + (again ? ", next in " + delay.toMillis() + " ms" : ", giving up"));
                    if (again) {
                        vertx.setTimer(delay.toMillis(), id -> attempt(provider, alertId, body, delivery, attempt + 1, firstTry));
                    } else {
                        log.warn("webhook {} to provider {} abandoned after {} attempts", delivery, provider.id(), attempt);
                    }
                });
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
