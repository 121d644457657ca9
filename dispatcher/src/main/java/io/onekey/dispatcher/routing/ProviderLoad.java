package io.onekey.dispatcher.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What each provider has on its plate: jobs accepted and not yet completed, and offers still
 * waiting for its answer. Both count against its capacity, so that several alerts at once are
 * not all offered to the one nearest crew.
 */
public final class ProviderLoad {

    private final ConcurrentMap<String, AtomicInteger> jobs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> pending = new ConcurrentHashMap<>();

    public int of(String providerId) {
        return count(jobs, providerId) + count(pending, providerId);
    }

    public void offerMade(String providerId) {
        pending.computeIfAbsent(providerId, id -> new AtomicInteger()).incrementAndGet();
    }

    public void offerClosed(String providerId) {
        pending.computeIfPresent(providerId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private static int count(ConcurrentMap<String, AtomicInteger> counts, String providerId) {
        AtomicInteger count = counts.get(providerId);
        return count == null ? 0 : count.get();
    }

    public void jobStarted(String providerId) {
        jobs.computeIfAbsent(providerId, id -> new AtomicInteger()).incrementAndGet();
    }

    public void jobEnded(String providerId) {
        jobs.computeIfPresent(providerId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
