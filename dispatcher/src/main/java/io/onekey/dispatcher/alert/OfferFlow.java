package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers alerts to providers and takes their answers. One offer is pending at a time from
 * routing (an operator may add one by hand); a decline or a timeout moves to the next
 * candidate, and nobody is offered the same alert twice. Accepts are first come: all changes
 * run on the dispatcher's one context, so of two accepts exactly one wins.
 *
 * <p>This class only changes alerts. Telling providers, counting their load and timing the
 * SLA follow from the saved change (see {@link AlertChangeListener}).
 */
public final class OfferFlow {

    private static final Logger log = LoggerFactory.getLogger(OfferFlow.class);
    /** How long a provider who may not hear the offer (no connection, no webhook) is given. */
    static final Duration UNREACHABLE_OFFER_TIMEOUT = Duration.ofSeconds(10);

    private final AlertChanges changes;
    private final NearestProviderRouter router;
    private final Directory directory;
    private final IdGenerator ids;
    private final Duration offerTimeout;

    public OfferFlow(AlertChanges changes, NearestProviderRouter router, Directory directory, IdGenerator ids,
                     Duration offerTimeout) {
        this.changes = changes;
        this.router = router;
        this.directory = directory;
        this.ids = ids;
        this.offerTimeout = offerTimeout;
    }

    private Instant now() {
        return changes.clock().instant();
    }

    /** Offers the alert to the best candidate not yet tried; with none left, hands it back to the operators. */
    public Future<Alert> offerNext(Alert alert, ServiceType service) {
        return next(alert, service).compose(next -> next.escalation().isPresent()
                ? changes.saveAndEscalate(next.edit(), next.escalation().get()) : changes.save(next.edit()));
    }

    /** The next step of offering, as a change not yet saved, with why supervisors must hear of it (if they must). */
    public record Next(Alert.Builder edit, Optional<String> escalation) {
    }

    /**
     * The offer to the best candidate not yet tried, or with none left the hand-back to the
     * operators, without saving it: a new alert is saved once with its first offer, so no alert
     * is ever stored opened and not offered.
     */
    public Future<Next> next(Alert alert, ServiceType service) {
        if (alert.position() == null) {
            return Future.succeededFuture(exhausted(alert, "no position known for the resident or device"));
        }
        Set<String> tried = alert.offers().stream().map(Offer::providerId).collect(Collectors.toSet());
        GeoPoint where = new GeoPoint(alert.position().lat(), alert.position().lon());
        return router.nearest(where, service, tried).map(candidates -> {
            if (candidates.isEmpty()) {
                return exhausted(alert, "no available " + service.name().toLowerCase(Locale.ROOT) + " provider left within range");
            }
            NearestProviderRouter.Candidate best = candidates.get(0);
            if (!best.reachable()) {
                // Nobody within range would hear an offer now: try this one briefly, and tell the
                // supervisors, rather than let the alert wait a full offer timeout in silence.
                Duration brief = offerTimeout.compareTo(UNREACHABLE_OFFER_TIMEOUT) < 0 ? offerTimeout : UNREACHABLE_OFFER_TIMEOUT;
                return new Next(offerEdit(alert, best.provider(), best.distanceMeters(), Actor.SYSTEM, brief, false),
                        Optional.of(String.format(Locale.ROOT, "no reachable %s provider within range: offered to %s (%s), "
                                        + "who has no open connection or webhook, for %d s",
                                service.name().toLowerCase(Locale.ROOT), best.provider().name(), best.provider().id(),
                                brief.toSeconds())));
            }
            return new Next(offerEdit(alert, best.provider(), best.distanceMeters(), Actor.SYSTEM, offerTimeout, false),
                    Optional.empty());
        });
    }

    /** An operator's choice of provider, outside the ranking. */
    public Future<Alert> dispatchTo(Alert alert, String providerId, Actor operator) {
        Provider provider = directory.provider(providerId)
                .orElseThrow(() -> DispatchException.badRequest("no provider " + providerId));
        if (!alert.state().isOpen()) {
            throw DispatchException.conflict("alert " + alert.id() + " is " + alert.state());
        }
        if (alert.offers().stream().anyMatch(o -> o.pending() && o.providerId().equals(providerId))) {
            throw DispatchException.conflict("provider " + providerId + " already has a pending offer for this alert");
        }
        if (alert.offers().stream().anyMatch(o -> o.state() == OfferState.ACCEPTED && o.providerId().equals(providerId))) {
            throw DispatchException.conflict("provider " + providerId + " is already on this alert");
        }
        double distance = alert.position() == null ? 0
                : provider.base().distanceMeters(new GeoPoint(alert.position().lat(), alert.position().lon()));
        boolean additional = alert.acceptedOffer().isPresent();
        return changes.save(offerEdit(alert, provider, distance, operator.name(), offerTimeout, additional));
    }

    private Alert.Builder offerEdit(Alert alert, Provider provider, double distance, String actor, Duration timeout,
                                    boolean additional) {
        Instant now = now();
        Offer offer = new Offer(ids.next(), alert.id(), provider.id(), OfferState.PENDING, now, now.plus(timeout),
                distance, null, additional);
        String note = String.format(Locale.ROOT, "offered to %s (%s), %.1f km away%s", provider.name(), provider.id(),
                distance / 1000, additional ? ", as an additional resource" : "");
        Alert.Builder edit = alert.edit().offer(offer).flags(alert.flags().withUnassigned(false));
        if (alert.state() == AlertState.NEW || alert.state() == AlertState.ACKNOWLEDGED) {
            AlertTransitions.move(edit, AlertState.DISPATCHED, actor, note, now);
        } else {
            edit.history(new HistoryEntry(now, actor, "offered", alert.state(), note));
        }
        return edit;
    }

    private Next exhausted(Alert alert, String reason) {
        Instant now = now();
        Alert.Builder edit = alert.edit().flags(alert.flags().withUnassigned(true).withEscalated());
        if (alert.state() == AlertState.DISPATCHED && alert.acceptedOffer().isEmpty() && alert.pendingOffer().isEmpty()) {
            AlertTransitions.move(edit, alert.acknowledged() ? AlertState.ACKNOWLEDGED : AlertState.NEW, Actor.SYSTEM,
                    "unassigned: " + reason, now);
        } else {
            edit.history(new HistoryEntry(now, Actor.SYSTEM, "unassigned", alert.state(), reason));
        }
        log.warn("alert {} unassigned: {}", alert.id(), reason);
        return new Next(edit, Optional.of("unassigned: " + reason));
    }

    /** A provider takes the job. The first accept wins; any other is told the job is taken (409). */
    public Future<Alert> accept(Alert alert, String offerId, Actor provider) {
        Offer offer = ownOffer(alert, offerId, provider);
        Instant now = now();
        if (!alert.state().isOpen()) {
            throw DispatchException.conflict("alert " + alert.id() + " is already " + alert.state());
        }
        if (offer.additional() && offer.pending()) {
            return changes.save(alert.edit().replaceOffer(offer.answered(OfferState.ACCEPTED, now))
                    .history(new HistoryEntry(now, provider.name(), "accepted", alert.state(),
                            "accepted offer " + offerId + " as an additional resource")));
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
        AlertTransitions.move(edit, AlertState.ACCEPTED, provider.name(), "accepted offer " + offerId, now);
        return changes.save(edit);
    }

    /** A provider turns the job down; the next candidate is offered. */
    public Future<Alert> decline(Alert alert, String offerId, Actor provider, String reason, ServiceType service) {
        Offer offer = ownOffer(alert, offerId, provider);
        if (!offer.pending()) {
            throw DispatchException.conflict("offer " + offerId + " is " + offer.state() + ", no longer open");
        }
        Instant now = now();
        Alert.Builder declined = alert.edit().replaceOffer(offer.answered(OfferState.DECLINED, now))
                .history(new HistoryEntry(now, provider.name(), "declined", alert.state(),
                        reason == null || reason.isBlank() ? "offer " + offerId + " declined" : "offer " + offerId + " declined: " + reason));
        return changes.save(declined).compose(saved -> moveOn(saved, service));
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
            edit.replaceOffer(o.answered(OfferState.EXPIRED, now))
                    .history(new HistoryEntry(now, Actor.SYSTEM, "offer-expired", alert.state(),
                            "provider " + o.providerId() + " did not answer offer " + o.id() + " in time"
                                    + Lateness.note(o.expiresAt(), now)));
        }
        return changes.save(edit).compose(saved -> moveOn(saved, service));
    }

    /** After a decline or expiry: the next candidate, unless another offer is still pending or accepted. */
    private Future<Alert> moveOn(Alert alert, ServiceType service) {
        if (!alert.state().isOpen() || alert.pendingOffer().isPresent() || alert.acceptedOffer().isPresent()) {
            return Future.succeededFuture(alert);
        }
        if (service == null) {
            Next handBack = exhausted(alert, "the provider chosen by hand did not take the job");
            return changes.saveAndEscalate(handBack.edit(), handBack.escalation().orElseThrow());
        }
        return offerNext(alert, service);
    }

    /**
     * For an alert being closed: withdraws its pending offers. The providers concerned, and
     * the accepted crew (it may be on its way), hear of it from the saved change.
     */
    public Alert.Builder releaseOffers(Alert alert, Alert.Builder edit, Instant now) {
        alert.offers().stream().filter(Offer::pending).forEach(o -> edit.replaceOffer(o.answered(OfferState.WITHDRAWN, now)));
        return edit;
    }

    /** The offer, if it is this provider's; anyone else's is reported as not found, revealing nothing. */
    private static Offer ownOffer(Alert alert, String offerId, Actor provider) {
        return alert.offer(offerId).filter(o -> provider.isProvider(o.providerId()))
                .orElseThrow(() -> DispatchException.notFound("no offer " + offerId));
    }
}
