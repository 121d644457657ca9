package io.onekey.dispatcher.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.dispatcher.alert.Actor;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChanges;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.AlertTransitions;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.IdGenerator;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.api.AlertJson;
import io.onekey.dispatcher.api.Principal;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.notify.ProviderNotifier;
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
 * Offers alerts to providers and takes their answers. One offer is pending at a time from
 * routing (an operator may add one by hand); a decline or a timeout moves to the next
 * candidate, and nobody is offered the same alert twice. Accepts are first come: all changes
 * run on the dispatcher's one context, so of two accepts exactly one wins.
 */
public final class OfferFlow {

    private static final Logger log = LoggerFactory.getLogger(OfferFlow.class);

    private final AlertChanges changes;
    private final ProviderNotifier notifier;
    private final NearestProviderRouter router;
    private final Directory directory;
    private final ProviderLoad load;
    private final SlaTracker sla;
    private final IdGenerator ids;
    private final Duration offerTimeout;
    private final Counter offersSent;
    private final Counter unassigned;

    public OfferFlow(AlertChanges changes, ProviderNotifier notifier, NearestProviderRouter router, Directory directory,
                     ProviderLoad load, SlaTracker sla, IdGenerator ids, Duration offerTimeout, MeterRegistry registry) {
        this.changes = changes;
        this.notifier = notifier;
        this.router = router;
        this.directory = directory;
        this.load = load;
        this.sla = sla;
        this.ids = ids;
        this.offerTimeout = offerTimeout;
        this.offersSent = Counter.builder(MetricNames.OFFERS_SENT).description("Offers made to providers").register(registry);
        this.unassigned = Counter.builder(MetricNames.ALERTS_UNASSIGNED)
                .description("Times an alert ran out of candidate providers").register(registry);
    }

    public double offersSent() {
        return offersSent.count();
    }

    private Instant now() {
        return changes.clock().instant();
    }

    /** Offers the alert to the best candidate not yet tried; with none left, hands it back to the operators. */
    public Future<Alert> offerNext(Alert alert, ServiceType service) {
        if (alert.position() == null) {
            return exhausted(alert, "no position known for the resident or device");
        }
        Set<String> tried = alert.offers().stream().map(Offer::providerId).collect(Collectors.toSet());
        GeoPoint where = new GeoPoint(alert.position().lat(), alert.position().lon());
        List<NearestProviderRouter.Candidate> candidates = router.candidates(where, service, tried);
        if (candidates.isEmpty()) {
            return exhausted(alert, "no available " + service.name().toLowerCase(Locale.ROOT) + " provider left within range");
        }
        NearestProviderRouter.Candidate best = candidates.get(0);
        return offer(alert, best.provider(), best.distanceMeters(), Actor.SYSTEM);
    }

    /** An operator's choice of provider, outside the ranking. */
    public Future<Alert> dispatchTo(Alert alert, String providerId, Principal operator) {
        Provider provider = directory.provider(providerId)
                .orElseThrow(() -> DispatchException.badRequest("no provider " + providerId));
        if (!alert.state().isOpen()) {
            throw DispatchException.conflict("alert " + alert.id() + " is " + alert.state());
        }
        if (alert.acceptedOffer().isPresent()) {
            throw DispatchException.conflict("alert " + alert.id() + " was already accepted by "
                    + alert.acceptedOffer().get().providerId());
        }
        if (alert.offers().stream().anyMatch(o -> o.pending() && o.providerId().equals(providerId))) {
            throw DispatchException.conflict("provider " + providerId + " already has a pending offer for this alert");
        }
        double distance = alert.position() == null ? 0
                : provider.base().distanceMeters(new GeoPoint(alert.position().lat(), alert.position().lon()));
        return offer(alert, provider, distance, Actor.of(operator));
    }

    private Future<Alert> offer(Alert alert, Provider provider, double distance, String actor) {
        Instant now = now();
        Offer offer = new Offer(ids.next(), alert.id(), provider.id(), OfferState.PENDING, now, now.plus(offerTimeout),
                distance, null);
        String note = String.format(Locale.ROOT, "offered to %s (%s), %.1f km away", provider.name(), provider.id(),
                distance / 1000);
        Alert.Builder edit = alert.edit().offer(offer).flags(alert.flags().withUnassigned(false));
        if (alert.state() == AlertState.NEW || alert.state() == AlertState.ACKNOWLEDGED) {
            AlertTransitions.move(edit, AlertState.DISPATCHED, actor, note, now);
        } else {
            edit.history(new HistoryEntry(now, actor, "offered", alert.state(), note));
        }
        boolean first = alert.offers().isEmpty();
        return changes.save(edit.build()).map(offered -> {
            offersSent.increment();
            load.offerMade(provider.id());
            if (first) {
                sla.record(SlaStage.RECEIVED_TO_OFFERED, Duration.between(alert.receivedAt(), now));
            }
            push(offered, offer);
            return offered;
        });
    }

    private void push(Alert alert, Offer offer) {
        notifier.send(offer.providerId(), alert.id(), offerMessage("offer", alert, offer))
                .onSuccess(v -> {
                    if (alert.offers().size() == 1) {
                        sla.record(SlaStage.RECEIVED_TO_NOTIFIED, Duration.between(alert.receivedAt(), now()));
                    }
                })
                .onFailure(e -> log.warn("alert {}: offer {} not delivered live to provider {}: {}",
                        alert.id(), offer.id(), offer.providerId(), e.getMessage()));
    }

    private JsonObject offerMessage(String type, Alert alert, Offer offer) {
        return new JsonObject()
                .put("type", type)
                .put("offer", AlertJson.offer(offer))
                .put("alert", new JsonObject()
                        .put("id", alert.id())
                        .put("kind", alert.kind().name())
                        .put("priority", alert.priority().name())
                        .put("residentId", alert.residentId())
                        .put("position", AlertJson.position(alert.position(), now())));
    }

    private Future<Alert> exhausted(Alert alert, String reason) {
        Instant now = now();
        unassigned.increment();
        Alert.Builder edit = alert.edit().flags(alert.flags().withUnassigned(true).withEscalated());
        if (alert.state() == AlertState.DISPATCHED && alert.acceptedOffer().isEmpty() && alert.pendingOffer().isEmpty()) {
            AlertTransitions.move(edit, alert.acknowledged() ? AlertState.ACKNOWLEDGED : AlertState.NEW, Actor.SYSTEM,
                    "unassigned: " + reason, now);
        } else {
            edit.history(new HistoryEntry(now, Actor.SYSTEM, "unassigned", alert.state(), reason));
        }
        log.warn("alert {} unassigned: {}", alert.id(), reason);
        return changes.save(edit.build()).map(saved -> {
            changes.escalate(saved, "unassigned: " + reason);
            return saved;
        });
    }

    /** A provider takes the job. The first accept wins; any other is told the job is taken (409). */
    public Future<Alert> accept(Alert alert, String offerId, Principal provider) {
        Offer offer = ownOffer(alert, offerId, provider);
        Instant now = now();
        if (!alert.state().isOpen()) {
            throw DispatchException.conflict("alert " + alert.id() + " is already " + alert.state());
        }
        if (alert.acceptedOffer().isPresent()) {
            throw DispatchException.conflict("alert " + alert.id() + " is taken: another provider accepted it first");
        }
        if (!offer.pending()) {
            throw DispatchException.conflict("offer " + offerId + " is " + offer.state() + ", no longer open");
        }
        Alert.Builder edit = alert.edit().replaceOffer(offer.answered(OfferState.ACCEPTED, now))
                .flags(alert.flags().withUnassigned(false));
        List<Offer> withdrawn = alert.offers().stream().filter(o -> o.pending() && !o.id().equals(offerId)).toList();
        withdrawn.forEach(o -> edit.replaceOffer(o.answered(OfferState.WITHDRAWN, now)));
        AlertTransitions.move(edit, AlertState.ACCEPTED, Actor.of(provider), "accepted offer " + offerId, now);
        return changes.save(edit.build()).map(accepted -> {
            load.offerClosed(provider.subject());
            withdrawn.forEach(o -> load.offerClosed(o.providerId()));
            load.jobStarted(provider.subject());
            sla.record(SlaStage.OFFERED_TO_ACCEPTED, Duration.between(offer.offeredAt(), now));
            withdrawn.forEach(o -> notifier.send(o.providerId(), accepted.id(), offerMessage("taken", accepted, o)));
            return accepted;
        });
    }

    /** A provider turns the job down; the next candidate is offered. */
    public Future<Alert> decline(Alert alert, String offerId, Principal provider, String reason, ServiceType service) {
        Offer offer = ownOffer(alert, offerId, provider);
        if (!offer.pending()) {
            throw DispatchException.conflict("offer " + offerId + " is " + offer.state() + ", no longer open");
        }
        Instant now = now();
        Alert declined = alert.edit().replaceOffer(offer.answered(OfferState.DECLINED, now))
                .history(new HistoryEntry(now, Actor.of(provider), "declined", alert.state(),
                        reason == null || reason.isBlank() ? "offer " + offerId + " declined" : "offer " + offerId + " declined: " + reason))
                .build();
        load.offerClosed(offer.providerId());
        return changes.save(declined).compose(saved -> next(saved, service));
    }

    /** Expires the alert's pending offers whose time is up, then offers the next candidate. */
    public Future<Alert> expireOffers(Alert alert, ServiceType service) {
        Instant now = now();
        List<Offer> expired = alert.offers().stream().filter(o -> o.pending() && !o.expiresAt().isAfter(now)).toList();
        if (expired.isEmpty()) {
            return Future.succeededFuture(alert);
        }
        Alert.Builder edit = alert.edit();
        for (Offer o : expired) {
            load.offerClosed(o.providerId());
            edit.replaceOffer(o.answered(OfferState.EXPIRED, now))
                    .history(new HistoryEntry(now, Actor.SYSTEM, "offer-expired", alert.state(),
                            "provider " + o.providerId() + " did not answer offer " + o.id() + " in time"));
        }
        return changes.save(edit.build()).compose(saved -> {
            expired.forEach(o -> notifier.send(o.providerId(), saved.id(), offerMessage("expired", saved, o)));
            return next(saved, service);
        });
    }

    /** After a decline or expiry: the next candidate, unless another offer is still pending or accepted. */
    private Future<Alert> next(Alert alert, ServiceType service) {
        if (!alert.state().isOpen() || alert.pendingOffer().isPresent() || alert.acceptedOffer().isPresent()) {
            return Future.succeededFuture(alert);
        }
        if (service == null) {
            return exhausted(alert, "the provider chosen by hand did not take the job");
        }
        return offerNext(alert, service);
    }

    /**
     * For an alert being closed: withdraws its pending offers and tells the accepted crew the
     * job has ended (it may be on its way), freeing its capacity.
     */
    public Alert.Builder releaseOffers(Alert alert, Alert.Builder edit, Instant now) {
        alert.offers().stream().filter(Offer::pending).forEach(o -> {
            edit.replaceOffer(o.answered(OfferState.WITHDRAWN, now));
            load.offerClosed(o.providerId());
            notifier.send(o.providerId(), alert.id(), offerMessage("withdrawn", alert, o));
        });
        alert.acceptedOffer().ifPresent(o -> {
            load.jobEnded(o.providerId());
            notifier.send(o.providerId(), alert.id(), offerMessage("job-ended", alert, o));
        });
        return edit;
    }

    /** The offer, if it is this provider's; anyone else's is reported as not found, revealing nothing. */
    private static Offer ownOffer(Alert alert, String offerId, Principal provider) {
        return alert.offer(offerId).filter(o -> Actor.isProvider(provider, o.providerId()))
                .orElseThrow(() -> DispatchException.notFound("no offer " + offerId));
    }
}
