package io.onekey.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The providers' side of an SOS measurement: their live feeds on a server, and, per resident
 * {@code R-n} of {@link ScaleTown}, when the first offer of its alert reached a provider's
 * socket. Matched with the terminals' presses it gives each press's time to offer, and the
 * presses never answered or never offered.
 */
final class FirstOffers {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final long[] offeredAt;
    /** When the dispatcher made that offer, by its own clock (µs since the epoch; the same machine's clock). */
    final long[] offerMadeAt;
    final String[] alertOf;
    final AtomicLong offers = new AtomicLong();
    final AtomicLong repeatedOffers = new AtomicLong();
    final AtomicLong feedReconnects = new AtomicLong();
    private final List<ProviderFeed> feeds = new ArrayList<>();

    FirstOffers(int residents) {
        this.offeredAt = new long[residents];
        this.offerMadeAt = new long[residents];
        this.alertOf = new String[residents];
    }

    /** Opens the live feed of providers {@code P-0 … P-(count-1)}, each with a token made through the admin API. */
    void connect(int httpPort, String adminToken, int count) throws IOException, InterruptedException {
        for (int p = 0; p < count; p++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/tokens"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("role", "provider")
                            .put("subject", ScaleBenchmark.PROVIDER_PREFIX + p).encode())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("a provider token was refused: " + response.statusCode() + " " + response.body());
            }
            ProviderFeed feed = new ProviderFeed(HTTP, URI.create("ws://127.0.0.1:" + httpPort + "/ws"),
                    new JsonObject(response.body()).getString("token"), this::offered, feedReconnects);
            feed.connect(-1).join();
            feeds.add(feed);
        }
    }

    void close() {
        feeds.forEach(ProviderFeed::close);
    }

    /** Records, per resident, when its first offer reached a provider's socket, and when the dispatcher made it. */
    private void offered(JsonObject message, long at) {
        offers.incrementAndGet();
        JsonObject alert = message.getJsonObject("alert");
        String resident = alert.getString("residentId");
        if (resident == null || !resident.startsWith(ScaleTown.RESIDENT_PREFIX)) {
            return;
        }
        int n = Integer.parseInt(resident.substring(ScaleTown.RESIDENT_PREFIX.length()));
        if (n < offeredAt.length) {
            synchronized (offeredAt) {
                if (offeredAt[n] == 0) {
                    offeredAt[n] = at;
                    Instant made = Instant.parse(message.getJsonObject("offer").getString("offeredAt"));
                    offerMadeAt[n] = made.getEpochSecond() * 1_000_000L + made.getNano() / 1_000;
                    alertOf[n] = alert.getString("id");
                } else {
                    repeatedOffers.incrementAndGet();
                }
            }
        }
    }

    /** Presses ({@code terminal, intended, sent, answered}) not yet answered, or not yet offered when {@code offered}. */
    long missing(List<long[]> presses, boolean offered) {
        return presses.stream().filter(p -> p[3] == 0 || offered && offeredAt[(int) p[0]] == 0).count();
    }

    /** Each press's time from its intended send to its answer, to its offer, and to its actual send, in µs. */
    Outcome outcome(List<long[]> presses) {
        Outcome o = new Outcome(histogram(), histogram(), histogram(), new long[2], histogram(), histogram());
        for (long[] p : presses) {
            int n = (int) p[0];
            o.sendLag.recordValue(Math.max(0, p[2] - p[1]));
            if (p[3] == 0) {
                o.lost[0]++;
            } else {
                o.toAnswer.recordValue(Math.max(0, p[3] - p[1]));
            }
            if (offeredAt[n] == 0) {
                o.lost[1]++;
            } else {
                o.toOffer.recordValue(Math.max(0, offeredAt[n] - p[1]));
                if (p[3] != 0 && offerMadeAt[n] != 0) {
                    o.answerToOfferMade.recordValue(Math.max(0, offerMadeAt[n] - p[3]));
                    o.offerMadeToFeed.recordValue(Math.max(0, offeredAt[n] - offerMadeAt[n]));
                }
            }
        }
        return o;
    }

    /**
     * Latencies in µs, and {@code lost}: presses never answered, never offered. The time to offer
     * splits into the device's answer (the event stored), then the dispatcher's making the offer
     * ({@code answerToOfferMade}), then the offer's way to the provider's socket ({@code offerMadeToFeed}).
     */
    record Outcome(Histogram toOffer, Histogram toAnswer, Histogram sendLag, long[] lost, Histogram answerToOfferMade,
                   Histogram offerMadeToFeed) {
        long unanswered() {
            return lost[0];
        }

        long unoffered() {
            return lost[1];
        }
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    }
}
