package io.onekey.dispatcher.alert;

import java.time.Instant;

/**
 * The clocks of an alert, kept with it so that a restarted dispatcher resumes them.
 *
 * @param acknowledgedAt  when an operator acknowledged it, or null
 * @param ackDeadline     when, unacknowledged, it escalates to supervisors
 * @param onSceneDeadline when, with nobody on scene, it breaches its SLA; null for none
 * @param closedAt        when it was resolved or cancelled, or null
 */
public record AlertTiming(Instant acknowledgedAt, Instant ackDeadline, Instant onSceneDeadline, Instant closedAt) {

    public AlertTiming acknowledged(Instant at) {
        return new AlertTiming(at, ackDeadline, onSceneDeadline, closedAt);
    }

    public AlertTiming closed(Instant at) {
        return new AlertTiming(acknowledgedAt, ackDeadline, onSceneDeadline, at);
    }
}
