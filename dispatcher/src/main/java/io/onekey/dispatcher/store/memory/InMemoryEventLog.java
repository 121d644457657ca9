package io.onekey.dispatcher.store.memory;

import io.onekey.device.event.DeviceEvent;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.eventlog.StoredEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded event log: two bounded in-memory queues. It survives nothing: a process crash
 * loses events that were acknowledged but not yet processed. Use the Redis store where that
 * matters. When full, appends fail, so devices are not acknowledged and retransmit; the
 * priority lane is never refused for want of room (it is tiny next to the normal lane).
 */
public final class InMemoryEventLog implements EventLog {

    private final int capacity;
    private final Queue<StoredEvent> priority = new ConcurrentLinkedQueue<>();
    private final Queue<StoredEvent> normal = new ConcurrentLinkedQueue<>();
    private final AtomicLong size = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Runnable listener = () -> { };

    public InMemoryEventLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("event log capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public Future<Void> append(List<DeviceEvent> events, Lane lane) {
        long after = size.addAndGet(events.size());
        if (lane == Lane.NORMAL && after > capacity) {
            size.addAndGet(-events.size());
            return Future.failedFuture(new EventLogFullException(capacity));
        }
        Queue<StoredEvent> queue = lane == Lane.PRIORITY ? priority : normal;
        for (DeviceEvent event : events) {
            queue.add(new StoredEvent(sequence.incrementAndGet(), event));
        }
        listener.run();
        return Future.succeededFuture();
    }

    @Override
    public Future<List<StoredEvent>> poll(int max) {
        List<StoredEvent> batch = new ArrayList<>(Math.min(max, 64));
        drain(priority, batch, max);
        drain(normal, batch, max);
        size.addAndGet(-batch.size());
        return Future.succeededFuture(batch);
    }

    private static void drain(Queue<StoredEvent> queue, List<StoredEvent> batch, int max) {
        StoredEvent next;
        while (batch.size() < max && (next = queue.poll()) != null) {
            batch.add(next);
        }
    }

    @Override
    public void onAppend(Runnable listener) {
        this.listener = listener;
    }

    @Override
    public long backlog() {
        return size.get();
    }

    /** The log is at capacity: the dispatcher is not keeping up. */
    public static final class EventLogFullException extends RuntimeException {
        EventLogFullException(int capacity) {
            super("event log full (" + capacity + " events)", null, false, false);
        }
    }
}
