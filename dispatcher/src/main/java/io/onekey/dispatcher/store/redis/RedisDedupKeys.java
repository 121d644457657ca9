package io.onekey.dispatcher.store.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dedup keys of the alarms a node is processing. A key is claimed in Redis by the alert
 * change its alarm makes, in the same script, so an alarm is remembered exactly when its alert
 * is stored, on whichever node. Here: keys waiting for that change, and the keys known to be
 * stored already (a bounded, most-recent-first memory that answers retransmissions at once).
 * A key whose change failed goes back to waiting: it must not be spent on an alarm that is
 * not stored. Touched on the dispatcher's context only.
 */
public final class RedisDedupKeys {

    private final int capacity;
    private List<String> waiting = new ArrayList<>();
    private final Map<String, Boolean> stored;

    public RedisDedupKeys(int capacity) {
        this.capacity = capacity;
        this.stored = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RedisDedupKeys.this.capacity;
            }
        };
    }

    synchronized boolean knownStored(String key) {
        return stored.containsKey(key);
    }

    synchronized boolean isWaiting(String key) {
        return waiting.contains(key);
    }

    synchronized void add(String key) {
        waiting.add(key);
    }

    /** Takes every waiting key (for the change about to be saved). */
    synchronized List<String> drain() {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<String> taken = waiting;
        waiting = new ArrayList<>();
        return taken;
    }

    synchronized void putBack(List<String> keys) {
        for (String key : keys) {
            if (!waiting.contains(key)) {
                waiting.add(key);
            }
        }
    }

    /** The alarm failed after all: its key is neither waiting nor stored. */
    synchronized void forget(String key) {
        waiting.remove(key);
        stored.remove(key);
    }

    synchronized void stored(List<String> keys) {
        keys.forEach(k -> stored.put(k, Boolean.TRUE));
    }
}
