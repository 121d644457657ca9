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
 * for every token except those it had already used successfully: many clients can share one
 * address (a NAT, a proxy), and one of them guessing must never lock out the crews and
 * operators already working from it. A guesser holds no such token, so it gains nothing.
 */
final class AuthThrottle {

    private static final int MAX_ADDRESSES = 100_000;

    private record Window(Instant start, int failures) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    /** Tokens that authenticated from each address, by id, with when. */
    private final Map<String, Map<String, Instant>> provenByAddress = new ConcurrentHashMap<>();
    private static final Duration PROVEN_FOR = Duration.ofHours(12);

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

    /** A token that authenticated from the address keeps working there through a lockout. */
    void succeeded(String address, String tokenId) {
        if (provenByAddress.size() > MAX_ADDRESSES) {
            provenByAddress.clear();
        }
        provenByAddress.computeIfAbsent(address, a -> new ConcurrentHashMap<>()).put(tokenId, clock.instant());
    }

    boolean proven(String address, String tokenId) {
        Instant at = provenByAddress.getOrDefault(address, Map.of()).get(tokenId);
        return at != null && clock.instant().isBefore(at.plus(PROVEN_FOR));
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
