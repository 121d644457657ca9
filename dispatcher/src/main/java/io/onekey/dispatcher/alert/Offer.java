package io.onekey.dispatcher.alert;

import java.time.Instant;

/** An alert offered to one provider. */
public record Offer(
        String id,
        String alertId,
        String providerId,
        OfferState state,
        Instant offeredAt,
        Instant expiresAt,
        double distanceMeters) {
}
