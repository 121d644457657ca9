package io.onekey.dispatcher.alert;

import java.time.Instant;

/**
 * One line of an alert's history.
 *
 * @param actor  a user id, a provider id, or {@code system}
 * @param action what happened: {@code opened}, {@code press}, {@code offered}, a state name...
 */
public record HistoryEntry(Instant at, String actor, String action, AlertState state, String note) {

    public static final String SYSTEM = "system";
}
