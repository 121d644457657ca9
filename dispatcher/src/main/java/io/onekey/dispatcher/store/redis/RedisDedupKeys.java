package io.onekey.dispatcher.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dedup keys of the alarms a node is processing. A key is claimed in Redis by the alert
 * change its alarm makes, in the same script, so an alarm is remembered exactly when its alert
 * is stored, on whichever node. Here: keys waiting for that change, and the keys known to be
 * stored already (a bounded, most-recent-first memory that answers retransmissions at once).
 * A key whose change failed goes back to waiting: it must not be spent on an alarm that is
 * not stored.
 *
 * <p>Keys wait per Vert.x context: the dispatcher processes the events of different residents
 * side by side, each on a context of its own, and a save must take the keys of its own alarm,
 * never those of another resident's alarm being processed meanwhile.
 */
public final class RedisDedupKeys {

    private static final Object NO_CONTEXT = new Object();

    private final int capacity;
    private final Map<Object, List<String>> waiting = new HashMap<>();
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

    private static Object here() {
        Context context = Vertx.currentContext();
        return context == null ? NO_CONTEXT : context;
    }

    synchronized boolean knownStored(String key) {
        return stored.containsKey(key);
    }

    synchronized boolean isWaiting(String key) {
        return waiting.values().stream().anyMatch(keys -> keys.contains(key));
    }

    synchronized void add(String key) {
        waiting.computeIfAbsent(here(), c -> new ArrayList<>()).add(key);
    }

    /** Takes the keys waiting on this context (for the change about to be saved here). */
    synchronized List<String> drain() {
        List<String> taken = waiting.remove(here());
        return taken == null ? List.of() : taken;
    }

    synchronized void putBack(List<String> keys) {
        List<String> here = waiting.computeIfAbsent(here(), c -> new ArrayList<>());
        for (String key : keys) {
            if (!here.contains(key)) {
                here.add(key);
            }
        }
    }

    /** The alarm failed after all: its key is neither waiting nor stored. */
    synchronized void forget(String key) {
        waiting.values().forEach(keys -> keys.remove(key));
        waiting.values().removeIf(List::isEmpty);
        stored.remove(key);
    }

    synchronized void stored(List<String> keys) {
        keys.forEach(k -> stored.put(k, Boolean.TRUE));
    }
}
