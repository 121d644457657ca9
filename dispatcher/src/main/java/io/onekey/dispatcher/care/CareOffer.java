package io.onekey.dispatcher.care;

import java.time.Instant;

/** A service request offered to one provider organisation. */
public record CareOffer(String providerId, State state, Instant offeredAt, Instant expiresAt, double distanceMeters) {

    public enum State {
        PENDING,
        ACCEPTED,
        DECLINED,
        EXPIRED,
        WITHDRAWN
    }

    public boolean pending() {
        return state == State.PENDING;
    }

    public CareOffer answered(State to) {
        return new CareOffer(providerId, to, offeredAt, expiresAt, distanceMeters);
    }
}
