package io.onekey.dispatcher.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.IdGenerator;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.api.AlertJson;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.notify.ProviderConnections;
import io.onekey.dispatcher.store.AlertStore;
import io.onekey.monitoring.MetricNames;
import io.onekey.monitoring.SlaStage;
import io.onekey.monitoring.SlaTracker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers an alert to the best provider not yet tried, pushes the offer to the provider's
 * screens, and records the SLA stages. With no candidate left, the alert is flagged
 * unassigned for the operators.
 */
public final class OfferService {

    private static final Logger log = LoggerFactory.getLogger(OfferService.class);

    private final NearestProviderRouter router;
    private final AlertStore alerts;
    private final ProviderConnections connections;
    private final SlaTracker sla;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration offerTimeout;
    private final Counter offersSent;
    private final Counter unassigned;

    public OfferService(NearestProviderRouter router, AlertStore alerts, ProviderConnections connections,
                        SlaTracker sla, IdGenerator ids, Clock clock, Duration offerTimeout, MeterRegistry registry) {
        this.router = router;
        this.alerts = alerts;
        this.connections = connections;
        this.sla = sla;
        this.ids = ids;
        this.clock = clock;
        this.offerTimeout = offerTimeout;
        this.offersSent = Counter.builder(MetricNames.OFFERS_SENT).description("Offers made to providers").register(registry);
        this.unassigned = Counter.builder(MetricNames.ALERTS_UNASSIGNED)
                .description("Alerts for which no provider could be found").register(registry);
    }

    public double offersSent() {
        return offersSent.count();
    }

    public Future<Alert> offerNext(Alert alert, ServiceType service) {
        Instant now = clock.instant();
        if (alert.position() == null) {
            return markUnassigned(alert, now, "no position known for the resident or device");
        }
        Set<String> tried = alert.offers().stream().map(Offer::providerId).collect(Collectors.toSet());
        GeoPoint where = new GeoPoint(alert.position().lat(), alert.position().lon());
        List<NearestProviderRouter.Candidate> candidates = router.candidates(where, service, tried);
        if (candidates.isEmpty()) {
            return markUnassigned(alert, now, "no available " + service.name().toLowerCase(Locale.ROOT)
                    + " provider within range");
        }
        NearestProviderRouter.Candidate best = candidates.get(0);
        Offer offer = new Offer(ids.next(), alert.id(), best.provider().id(), OfferState.PENDING, now,
                now.plus(offerTimeout), best.distanceMeters());
        Alert offered = alert.withOffer(offer).withHistory(new HistoryEntry(now, HistoryEntry.SYSTEM, "offered",
                alert.state(), String.format(Locale.ROOT, "offered to %s (%s), %.1f km away",
                        best.provider().name(), best.provider().id(), best.distanceMeters() / 1000)));
        return alerts.save(offered).map(v -> {
            offersSent.increment();
            sla.record(SlaStage.RECEIVED_TO_OFFERED, Duration.between(alert.receivedAt(), now));
            push(offered, offer);
            return offered;
        });
    }

    private void push(Alert alert, Offer offer) {
        JsonObject message = new JsonObject()
                .put("type", "offer")
                .put("offer", AlertJson.offer(offer))
                .put("alert", new JsonObject()
                        .put("id", alert.id())
                        .put("kind", alert.kind().name())
                        .put("priority", alert.priority().name())
                        .put("residentId", alert.residentId())
                        .put("position", AlertJson.position(alert.position(), clock.instant())));
        connections.send(offer.providerId(), message)
                .onSuccess(v -> sla.record(SlaStage.RECEIVED_TO_NOTIFIED, Duration.between(alert.receivedAt(), clock.instant())))
                .onFailure(e -> log.warn("alert {}: offer {} not delivered live to provider {}: {}",
                        alert.id(), offer.id(), offer.providerId(), e.getMessage()));
    }

    private Future<Alert> markUnassigned(Alert alert, Instant now, String reason) {
        unassigned.increment();
        Alert flagged = alert.withFlags(alert.flags().withUnassigned(true))
                .withHistory(new HistoryEntry(now, HistoryEntry.SYSTEM, "unassigned", alert.state(), reason));
        log.warn("alert {} unassigned: {}", alert.id(), reason);
        return alerts.save(flagged).map(flagged);
    }
}
