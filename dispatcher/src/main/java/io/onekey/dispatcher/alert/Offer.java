package io.onekey.dispatcher.alert;

import java.time.Instant;

/**
 * An alert offered to one provider.
 *
 * @param answeredAt when it was accepted, declined, expired or withdrawn; null while pending
 * @param additional made by an operator after another provider had accepted: a second resource
 *                   on the same alert (an ambulance and a nurse), which neither withdraws nor
 *                   is withdrawn by the first
 */
public record Offer(
        String id,
        String alertId,
        String providerId,
        OfferState state,
        Instant offeredAt,
        Instant expiresAt,
        double distanceMeters,
        Instant answeredAt,
        boolean additional) {

    public Offer(String id, String alertId, String providerId, OfferState state, Instant offeredAt, Instant expiresAt,
                 double distanceMeters, Instant answeredAt) {
        this(id, alertId, providerId, state, offeredAt, expiresAt, distanceMeters, answeredAt, false);
    }

    public Offer answered(OfferState newState, Instant at) {
        return new Offer(id, alertId, providerId, newState, offeredAt, expiresAt, distanceMeters, at, additional);
    }

    public boolean pending() {
        return state == OfferState.PENDING;
    }
}
