package io.onekey.dispatcher.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stored events waiting for the consumer, in their two lanes, with a cap: what every event log
 * keeps in memory between the append and the poll. Safe from any thread.
 */
public final class PendingEvents {

    private final int capacity;
    private final Queue<StoredEvent> priority = new ConcurrentLinkedQueue<>();
    private final Queue<StoredEvent> normal = new ConcurrentLinkedQueue<>();
    private final AtomicLong size = new AtomicLong();
    private volatile Runnable listener = () -> { };

    public PendingEvents(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("event log capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * Reserves room for {@code count} events of the lane, or refuses: the priority lane is never
     * refused (an SOS is taken even when the log is full of power-loss reports).
     */
    public boolean reserve(int count, EventLog.Lane lane) {
        long after = size.addAndGet(count);
        if (lane == EventLog.Lane.NORMAL && after > capacity) {
            size.addAndGet(-count);
            return false;
        }
        return true;
    }

    /** Gives back room reserved for events that were not stored after all. */
    public void release(int count) {
        size.addAndGet(-count);
    }

    /** Adds stored events (their room reserved) and wakes the consumer. */
    public void add(List<StoredEvent> events, EventLog.Lane lane) {
        (lane == EventLog.Lane.PRIORITY ? priority : normal).addAll(events);
        listener.run();
    }

    public List<StoredEvent> poll(int max) {
        List<StoredEvent> batch = new ArrayList<>(Math.min(max, 64));
        drain(priority, batch, max);
        drain(normal, batch, max);
        size.addAndGet(-batch.size());
        return batch;
    }

    private static void drain(Queue<StoredEvent> queue, List<StoredEvent> batch, int max) {
        StoredEvent next;
        while (batch.size() < max && (next = queue.poll()) != null) {
            batch.add(next);
        }
    }

    public void onAdd(Runnable listener) {
        this.listener = listener;
    }

    public long size() {
        return size.get();
    }

    public int capacity() {
        return capacity;
    }
}
