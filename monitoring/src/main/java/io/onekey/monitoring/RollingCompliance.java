package io.onekey.monitoring;

import java.time.Clock;
import java.time.Duration;

/**
 * The share of samples within target over the last {@code window}, kept in a ring of slots so
 * that recording and reading cost the same whatever the traffic. A sample falls out of the
 * share between {@code window} and {@code window + window/SLOTS} after it was recorded.
 */
final class RollingCompliance {

    private static final int SLOTS = 60;

    private final Clock clock;
    private final long slotMillis;
    private final long[] slotIndex = new long[SLOTS];
    private final long[] total = new long[SLOTS];
    private final long[] met = new long[SLOTS];

    RollingCompliance(Duration window, Clock clock) {
        this.clock = clock;
        this.slotMillis = Math.max(1, window.toMillis() / SLOTS);
        java.util.Arrays.fill(slotIndex, Long.MIN_VALUE);
    }

    synchronized void record(boolean withinTarget) {
        long index = clock.millis() / slotMillis;
        int slot = (int) Math.floorMod(index, (long) SLOTS);
        if (slotIndex[slot] != index) {
            slotIndex[slot] = index;
            total[slot] = 0;
            met[slot] = 0;
        }
        total[slot]++;
        if (withinTarget) {
            met[slot]++;
        }
    }

    /** Samples in the window. */
    synchronized long samples() {
        long current = clock.millis() / slotMillis;
        long n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (current - slotIndex[i] < SLOTS) {
                n += total[i];
            }
        }
        return n;
    }

    /** Share within target in the window; NaN when the window holds no sample (nothing to judge). */
    synchronized double share() {
        long current = clock.millis() / slotMillis;
        long n = 0;
        long within = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (current - slotIndex[i] < SLOTS) {
                n += total[i];
                within += met[i];
            }
        }
        return n == 0 ? Double.NaN : (double) within / n;
    }
}
