package io.onekey.dispatcher.alert;

import java.time.Instant;

/**
 * An alert offered to one provider.
 *
 * @param answeredAt when it was accepted, declined, expired or withdrawn; null while pending
 */
public record Offer(
        String id,
        String alertId,
        String providerId,
        OfferState state,
        Instant offeredAt,
        Instant expiresAt,
        double distanceMeters,
        Instant answeredAt) {

    public Offer answered(OfferState newState, Instant at) {
        return new Offer(id, alertId, providerId, newState, offeredAt, expiresAt, distanceMeters, at);
    }

    public boolean pending() {
        return state == OfferState.PENDING;
    }
}
