package io.onekey.dispatcher.alert;

/** The answer a provider gave to an offer, or that it has not answered yet. */
public enum OfferState {
    PENDING,
    ACCEPTED,
    DECLINED,
    EXPIRED,
    WITHDRAWN
}
