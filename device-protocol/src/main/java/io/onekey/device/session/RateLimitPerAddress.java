package io.onekey.device.session;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per source address: a burst, then one more every refill interval. Meant for
 * answers sent to an address the sender only claims (UDP), so that a forged source cannot turn
 * a listener into a reflector aimed at someone else. Keyed by address without the port, which
 * a forger varies for free.
 *
 * <p>The map is bounded: when full, buckets that have refilled (and so say nothing) are
 * forgotten; if that is not enough, new addresses get nothing until it is. Running out of room
 * means datagrams from countless addresses, exactly when nothing should be sent.
 */
public final class RateLimitPerAddress {

    private record Bucket(int tokens, long since) {
    }

    private final Clock clock;
    private final int burst;
    private final long refillMillis;
    private final int maxAddresses;
    private final ConcurrentMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitPerAddress(Clock clock, int burst, Duration refillEvery, int maxAddresses) {
        if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("burst, refill interval and address cap must be positive");
        }
        this.clock = clock;
        this.burst = burst;
        this.refillMillis = refillEvery.toMillis();
        this.maxAddresses = maxAddresses;
    }

    /** Takes one token for this address; false if it has none left (or there is no room to track it). */
    public boolean tryAcquire(InetAddress address) {
        long now = clock.millis();
        if (!buckets.containsKey(address) && !roomForAnother(now)) {
            return false;
        }
        boolean[] granted = {false};
        buckets.compute(address, (a, bucket) -> {
            Bucket current = refilled(bucket, now);
            if (current.tokens() == 0) {
                return current;
            }
            granted[0] = true;
            return new Bucket(current.tokens() - 1, current.since());
        });
        return granted[0];
    }

    private Bucket refilled(Bucket bucket, long now) {
        if (bucket == null) {
            return new Bucket(burst, now);
        }
        long earned = (now - bucket.since()) / refillMillis;
        if (earned <= 0) {
            return bucket;
        }
        if (bucket.tokens() + earned >= burst) {
            return new Bucket(burst, now);
        }
        return new Bucket((int) (bucket.tokens() + earned), bucket.since() + earned * refillMillis);
    }

    private boolean roomForAnother(long now) {
        if (buckets.size() < maxAddresses) {
            return true;
        }
        long full = burst * refillMillis;
        buckets.values().removeIf(b -> now - b.since() >= full);
        return buckets.size() < maxAddresses;
    }
}
