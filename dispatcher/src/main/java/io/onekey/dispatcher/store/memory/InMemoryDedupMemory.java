package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.eventlog.DedupMemory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dedup keys of recently processed alarms, so that a device's retransmission (it did not
 * get our answer in time) does not count as a second press. Bounded: oldest keys go first.
 * Survives nothing. Not thread-safe: used on the dispatcher's context only.
 */
public final class InMemoryDedupMemory implements DedupMemory {

    private final Map<String, Boolean> keys;

    public InMemoryDedupMemory(int capacity) {
        this.keys = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public boolean firstTime(String key) {
        return keys.put(key, Boolean.TRUE) == null;
    }

    @Override
    public void forget(String key) {
        keys.remove(key);
    }
}
