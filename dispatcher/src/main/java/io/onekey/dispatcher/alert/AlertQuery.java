package io.onekey.dispatcher.alert;

import java.util.Optional;

/** Filters of the alert list; empty means any. */
public record AlertQuery(Optional<AlertState> state, Optional<Priority> priority, Optional<String> residentId, int limit) {

    public static AlertQuery all(int limit) {
        return new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
