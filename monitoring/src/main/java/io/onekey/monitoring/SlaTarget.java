package io.onekey.monitoring;

import java.time.Duration;
import java.util.Objects;

/**
 * One service-level target: {@code share} of the alerts of {@code priority} reach {@code stage}
 * within {@code within}. "acknowledged, P1: 97.5 % within 60 s".
 *
 * @param name     what the target is called in metrics and reports ({@code acknowledged}, {@code on_scene}...)
 * @param priority the alert priority it applies to, as the dispatcher names it ({@code P1})
 */
public record SlaTarget(String name, SlaStage stage, String priority, Duration within, double share) {

    public SlaTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(priority, "priority");
        if (within == null || within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("sla target " + name + " " + priority + ": the time allowed must be positive");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("sla target " + name + " " + priority + ": the share must be in (0, 1], was " + share);
        }
    }

    public boolean met(Duration elapsed) {
        return elapsed.compareTo(within) <= 0;
    }
}
