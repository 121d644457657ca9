package io.onekey.dispatcher.store.memory;

import io.onekey.device.event.DeviceEvent;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.eventlog.EventLogFullException;
import io.onekey.dispatcher.eventlog.PendingEvents;
import io.onekey.dispatcher.eventlog.StoredEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The event log in memory. Survives nothing: a test double. */
public final class InMemoryEventLog implements EventLog {

    private final PendingEvents pending;
    private final AtomicLong sequence = new AtomicLong();

    public InMemoryEventLog(int capacity) {
        this.pending = new PendingEvents(capacity);
    }

    @Override
    public Future<Void> append(List<DeviceEvent> events, Lane lane) {
        if (!pending.reserve(events.size(), lane)) {
            return Future.failedFuture(new EventLogFullException(pending.capacity()));
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (DeviceEvent event : events) {
            stored.add(new StoredEvent(sequence.incrementAndGet(), event));
        }
        pending.add(stored, lane);
        return Future.succeededFuture();
    }

    @Override
    public Future<List<StoredEvent>> poll(int max) {
        return Future.succeededFuture(pending.poll(max));
    }

    @Override
    public void processed(List<StoredEvent> events) {
        // Nothing to mark: polled events are gone from memory.
    }

    @Override
    public void onAppend(Runnable listener) {
        pending.onAdd(listener);
    }

    @Override
    public long backlog() {
        return pending.size();
    }
}
