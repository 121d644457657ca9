package io.onekey.dispatcher.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters of the alert list (empty means any), at most {@code limit} alerts, and where the page
 * starts: right after the alert {@code after} names, in the list's order (open alerts by
 * priority, then age; then closed ones, the most recently closed first).
 */
public record AlertQuery(Optional<AlertState> state, Optional<Priority> priority, Optional<String> residentId, int limit,
                         Optional<Position> after) {

    public AlertQuery(Optional<AlertState> state, Optional<Priority> priority, Optional<String> residentId, int limit) {
        this(state, priority, residentId, limit, Optional.empty());
    }

    public static AlertQuery all(int limit) {
        return new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public AlertQuery after(Position position) {
        return new AlertQuery(state, priority, residentId, limit, Optional.of(position));
    }

    /**
     * An alert's place in the list, as it was when a page ended there. A page that starts after
     * a place, not after a count of alerts, is not shifted by alerts that arrive meanwhile; an
     * alert that itself changes place (closed, another priority) may be met twice or not at all.
     *
     * @param closed   in the closed part of the list
     * @param priority the open alert's priority (null for a closed one)
     * @param at       when it was received (open) or closed (closed)
     */
    public record Position(boolean closed, Priority priority, Instant at, String id) {

        public Position {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(id, "id");
            if (!closed) {
                Objects.requireNonNull(priority, "priority");
            }
        }

        /** The alert's place in the list now, for the page that follows it. */
        public static Position of(Alert alert) {
            return alert.state().isOpen() ? new Position(false, alert.priority(), alert.receivedAt(), alert.id())
                    : new Position(true, null, closedAt(alert), alert.id());
        }

        /** When a closed alert closed (its last press, for one closed before the time was recorded). */
        public static Instant closedAt(Alert alert) {
            return alert.timing().closedAt() != null ? alert.timing().closedAt() : alert.lastPressAt();
        }
    }
}
