package io.onekey.dispatcher.care;

import java.time.Instant;

/** One line of a request's history: when, who (as the alert history names people), what. */
public record CareStep(Instant at, String actor, String action, String note) {
}
