package io.onekey.device.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets one thing per key through per interval, and at most {@code maxPerInterval} things in all:
 * a device that sends garbage ten times a second must not fill the log, but the first line about
 * it must be there. The overall cap is for floods whose keys are all new (spoofed UDP sources,
 * made-up device ids): those would pass the per-key check every time. What the cap holds back
 * is counted, so that one summary line can say how much was left out.
 */
public final class OncePerInterval {

    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final long intervalMillis;
    private final int maxPerInterval;
    private final ConcurrentMap<String, Long> lastPassed = new ConcurrentHashMap<>();
    private long windowStart;
    private int passedInWindow;
    private long heldBack;
    private long heldBackReported;

    public OncePerInterval(Clock clock, Duration interval, int maxPerInterval) {
        if (maxPerInterval < 1) {
            throw new IllegalArgumentException("maxPerInterval must be positive, was " + maxPerInterval);
        }
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.maxPerInterval = maxPerInterval;
        this.windowStart = clock.millis();
    }

    /** True if nothing for this key passed within the interval, and the overall cap is not reached. */
    public boolean tryPass(String key) {
        long now = clock.millis();
        if (!lastPassed.containsKey(key) && !roomForKey(now)) {
            return hold();
        }
        boolean[] due = {false};
        lastPassed.compute(key, (k, last) -> {
            if (last == null || now - last >= intervalMillis) {
                due[0] = true;
                return now;
            }
            return last;
        });
        // The per-key check comes first: it is the common refusal and takes no lock.
        return due[0] && withinCap(now);
    }

    /**
     * How many passes the overall cap held back in intervals already over, not yet reported;
     * reading them marks them reported.
     */
    public synchronized long takeHeldBack() {
        long report = heldBackReported;
        heldBackReported = 0;
        return report;
    }

    private synchronized boolean withinCap(long now) {
        if (now - windowStart >= intervalMillis) {
            heldBackReported += heldBack;
            heldBack = 0;
            windowStart = now;
            passedInWindow = 0;
        }
        if (passedInWindow < maxPerInterval) {
            passedInWindow++;
            return true;
        }
        heldBack++;
        return false;
    }

    private synchronized boolean hold() {
        heldBack++;
        return false;
    }

    /** Keeps the key map bounded: forget keys whose interval is over; refuse new ones if that is not enough. */
    private boolean roomForKey(long now) {
        if (lastPassed.size() < MAX_KEYS) {
            return true;
        }
        lastPassed.values().removeIf(t -> now - t >= intervalMillis);
        return lastPassed.size() < MAX_KEYS;
    }
}
