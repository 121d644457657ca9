package io.onekey.dispatcher.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keys by the time they fall due: scheduling, cancelling and taking the next due key are
 * O(log n), so that finding the next silent terminal or resident among half a million never
 * walks them all. Thread-safe; every critical section is a few map operations and never does I/O.
 *
 * @param <K> the key, with equals and hashCode
 */
public final class DeadlineIndex<K> {

    private record Entry<K>(long dueMillis, long order, K key) {
    }

    private final TreeSet<Entry<K>> byTime = new TreeSet<>((a, b) -> a.dueMillis() != b.dueMillis()
            ? Long.compare(a.dueMillis(), b.dueMillis()) : Long.compare(a.order(), b.order()));
    private final Map<K, Entry<K>> byKey = new HashMap<>();
    private long nextOrder;

    /** Sets (or moves) the key's deadline. */
    public synchronized void schedule(K key, Instant due) {
        Entry<K> old = byKey.remove(key);
        if (old != null) {
            byTime.remove(old);
        }
        Entry<K> entry = new Entry<>(due.toEpochMilli(), nextOrder++, key);
        byTime.add(entry);
        byKey.put(key, entry);
    }

    public synchronized boolean cancel(K key) {
        Entry<K> old = byKey.remove(key);
        return old != null && byTime.remove(old);
    }

    /** Removes and returns up to {@code max} keys due at or before {@code now}, earliest first. */
    public synchronized List<K> takeDue(Instant now, int max) {
        List<K> due = new ArrayList<>();
        long nowMillis = now.toEpochMilli();
        while (due.size() < max && !byTime.isEmpty() && byTime.first().dueMillis() <= nowMillis) {
            Entry<K> entry = byTime.pollFirst();
            byKey.remove(entry.key());
            due.add(entry.key());
        }
        return due;
    }

    /** Drops every key due at or before {@code now}; returns how many keys remain. */
    public synchronized int expireAndCount(Instant now) {
        long nowMillis = now.toEpochMilli();
        while (!byTime.isEmpty() && byTime.first().dueMillis() <= nowMillis) {
            byKey.remove(byTime.pollFirst().key());
        }
        return byKey.size();
    }

    public synchronized int size() {
        return byKey.size();
    }
}
