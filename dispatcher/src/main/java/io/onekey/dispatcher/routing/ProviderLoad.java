package io.onekey.dispatcher.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Jobs each provider is running now (accepted and not yet completed). */
public final class ProviderLoad {

    private final ConcurrentMap<String, AtomicInteger> jobs = new ConcurrentHashMap<>();

    public int of(String providerId) {
        AtomicInteger count = jobs.get(providerId);
        return count == null ? 0 : count.get();
    }

    public void jobStarted(String providerId) {
        jobs.computeIfAbsent(providerId, id -> new AtomicInteger()).incrementAndGet();
    }

    public void jobEnded(String providerId) {
        jobs.computeIfPresent(providerId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
