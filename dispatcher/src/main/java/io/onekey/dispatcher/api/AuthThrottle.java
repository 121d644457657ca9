package io.onekey.dispatcher.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows token guessing: an address that presents more than {@code limit} wrong tokens within a
 * window is refused (429, with the seconds until the window ends) until the window is over,
 * whatever token it presents meanwhile. Lockouts are per address, so one guesser never locks
 * out the operators of the centre.
 */
final class AuthThrottle {

    private static final int MAX_ADDRESSES = 100_000;

    private record Window(Instant start, int failures) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

    AuthThrottle(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds the address must wait, if it is locked out now. */
    Optional<Long> lockedOut(String address) {
        Window w = byAddress.get(address);
        Instant now = clock.instant();
        if (w == null || w.failures() < limit) {
            return Optional.empty();
        }
        Instant end = w.start().plus(window);
        if (!now.isBefore(end)) {
            byAddress.remove(address, w);
            return Optional.empty();
        }
        return Optional.of(Math.max(1, Duration.between(now, end).toSeconds()));
    }

    /** Counts a wrong token from the address. */
    void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() > MAX_ADDRESSES) {
            byAddress.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        byAddress.merge(address, new Window(now, 1), (old, one) ->
                now.isBefore(old.start().plus(window)) ? new Window(old.start(), old.failures() + 1) : one);
    }
}
