package io.onekey.device.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets one thing per key through per interval: a device that sends garbage ten times a second
 * must not fill the log, but the first line about it must be there.
 */
public final class OncePerInterval {

    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentMap<String, Long> lastPassed = new ConcurrentHashMap<>();

    public OncePerInterval(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** True if nothing for this key passed within the interval. */
    public boolean tryPass(String key) {
        long now = clock.millis();
        if (lastPassed.size() > MAX_KEYS) {
            lastPassed.values().removeIf(t -> now - t >= intervalMillis);
        }
        boolean[] passed = {false};
        lastPassed.compute(key, (k, last) -> {
            if (last == null || now - last >= intervalMillis) {
                passed[0] = true;
                return now;
            }
            return last;
        });
        return passed[0];
    }
}
