package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChange;
import io.onekey.dispatcher.alert.AlertChangeListener;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.view.AlertJson;
import io.onekey.monitoring.SlaStage;
import io.onekey.monitoring.SlaTracker;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people about saved alert changes: operators see every change, supervisors every
 * escalation, and providers hear of their offers (made, taken by another crew, withdrawn,
 * expired) and of a job that ended without them. The change is handed to the live feed's
 * context at once; building, encoding and sending the messages happen there, never on the
 * dispatcher's context, and a failure there stays there.
 */
public final class ChangeNotifier implements AlertChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifier.class);

    private final LiveFeed feed;
    private final ProviderNotifier providers;
    private final SlaTracker sla;
    private final Clock clock;
    private final boolean sharedFeed;

    public ChangeNotifier(LiveFeed feed, ProviderNotifier providers, SlaTracker sla, Clock clock) {
        this(feed, providers, sla, clock, false);
    }

    /**
     * @param sharedFeed true when several nodes serve screens: a provider not connected to this
     *                   node is normal then (it is connected to another), not worth a warning
     */
    public ChangeNotifier(LiveFeed feed, ProviderNotifier providers, SlaTracker sla, Clock clock, boolean sharedFeed) {
        this.sharedFeed = sharedFeed;
        this.feed = feed;
        this.providers = providers;
        this.sla = sla;
        this.clock = clock;
    }

    @Override
    public void changed(AlertChange change) {
        feed.execute(() -> {
            Instant now = clock.instant();
            Alert alert = change.after();
            JsonObject view = AlertJson.alert(alert, now);
            feed.toOperators(new JsonObject().put("type", "alert").put("alert", view));
            change.escalation().ifPresent(reason -> feed.toSupervisors(new JsonObject().put("type", "escalation")
                    .put("reason", reason).put("alert", view)));
            tellProviders(change, now);
        });
    }

    private void tellProviders(AlertChange change, Instant now) {
        Alert alert = change.after();
        boolean firstOffers = change.before() == null || change.before().offers().isEmpty();
        for (Offer offer : change.newOffers()) {
            boolean timeIt = firstOffers;
            firstOffers = false;
            providers.send(offer.providerId(), alert.id(), AlertJson.providerMessage("offer", alert, offer, now))
                    .onSuccess(v -> {
                        if (timeIt) {
                            sla.record(SlaStage.RECEIVED_TO_NOTIFIED, alert.priority().name(), Duration.between(alert.receivedAt(), clock.instant()));
                        }
                    })
                    .onFailure(e -> {
                        if (!sharedFeed) {
                            log.warn("alert {}: offer {} not delivered live to provider {}: {}",
                                    alert.id(), offer.id(), offer.providerId(), e.getMessage());
                        }
                    });
        }
        boolean acceptedNow = alert.acceptedOffer().isPresent()
                && (change.before() == null || change.before().acceptedOffer().isEmpty());
        for (Offer offer : change.answeredOffers()) {
            messageType(offer, acceptedNow).ifPresent(type ->
                    providers.send(offer.providerId(), alert.id(), AlertJson.providerMessage(type, alert, offer, now)));
        }
        if (change.closed()) {
            // The crew on the job hears that it ended, unless it ended the job itself.
            alert.offers().stream().filter(o -> o.state() == OfferState.ACCEPTED)
                    .filter(o -> !change.madeBy().equals("provider:" + o.providerId()))
                    .forEach(o -> providers.send(o.providerId(), alert.id(),
                            AlertJson.providerMessage("job-ended", alert, o, now)));
        }
    }

    /** What a provider whose pending offer was answered by someone else is told; nothing for its own answers. */
    private static Optional<String> messageType(Offer offer, boolean acceptedNow) {
        if (offer.state() == OfferState.EXPIRED) {
            return Optional.of("expired");
        }
        if (offer.state() == OfferState.WITHDRAWN) {
            return Optional.of(acceptedNow ? "taken" : "withdrawn");
        }
        return Optional.empty();
    }
}
