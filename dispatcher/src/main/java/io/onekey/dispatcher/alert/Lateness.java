package io.onekey.dispatcher.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * Says so when a deadline is handled well after it passed: the server was not running then (a
 * restart), so the operator can tell an escalation made late from one made on time.
 */
final class Lateness {

    /** Ticks run every fraction of a second; more than this behind means the server was down. */
    private static final Duration TOLERATED = Duration.ofSeconds(10);

    private Lateness() {
    }

    /** An empty string when on time, else " (handled N s late: the server was not running at the deadline)". */
    static String note(Instant due, Instant now) {
        Duration late = Duration.between(due, now);
        if (late.compareTo(TOLERATED) <= 0) {
            return "";
        }
        return " (handled " + late.toSeconds() + " s late: the server was not running at the deadline)";
    }
}
