package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.routing.ProviderLoad;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each provider's load in step with the saved alerts: an offer counts from the change
 * that made it until the change that answered it, a job from its accept until its alert closes.
 * Derived from saved changes only, so a save that failed never moves a counter.
 */
public final class ProviderLoadKeeper implements AlertChangeListener {

    private final ProviderLoad load;

    public ProviderLoadKeeper(ProviderLoad load) {
        this.load = load;
    }

    @Override
    public void changed(AlertChange change) {
        count(change, false);
    }

    /** Undoes what {@link #changed} counted for a change that did not commit. */
    public void rolledBack(AlertChange change) {
        count(change, true);
    }

    /** Offers pending and jobs running, as the change moved them; {@code undo} moves them back. */
    private void count(AlertChange change, boolean undo) {
        Map<String, Offer> before = change.offersBefore();
        for (Offer offer : change.after().offers()) {
            Offer was = before.get(offer.id());
            boolean wasPending = was != null && was.pending();
            boolean wasAccepted = was != null && was.state() == OfferState.ACCEPTED;
            if (offer.pending() != wasPending) {
                pending(offer.providerId(), offer.pending() != undo);
            }
            if (offer.state() == OfferState.ACCEPTED && !wasAccepted) {
                job(offer.providerId(), !undo);
            }
        }
        if (change.closed()) {
            change.after().offers().stream().filter(o -> o.state() == OfferState.ACCEPTED)
                    .forEach(o -> job(o.providerId(), undo));
        }
    }

    private void pending(String providerId, boolean add) {
        if (add) {
            load.offerMade(providerId);
        } else {
            load.offerClosed(providerId);
        }
    }

    private void job(String providerId, boolean add) {
        if (add) {
            load.jobStarted(providerId);
        } else {
            load.jobEnded(providerId);
        }
    }

    /** Rebuilds the load from the open alerts (at start, from the store). */
    public void replay(Iterable<Alert> openAlerts) {
        for (Alert alert : openAlerts) {
            changed(new AlertChange(null, alert, Optional.empty()));
        }
    }
}
