package io.onekey.dispatcher.store;

import io.onekey.device.event.DeviceEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * The durable hand-off between the gateway and the dispatcher. The gateway appends and
 * answers the device once the append succeeded; the dispatcher polls what it has not yet
 * processed. An append may fail (log full, store down): the device then retransmits.
 */
public interface EventLog {

    /** Stores the events, all or none. Safe to call from any thread. */
    Future<Void> append(List<DeviceEvent> events);

    /** Up to {@code max} events not yet handed to the consumer, oldest first. */
    Future<List<StoredEvent>> poll(int max);

    /** Called (from any thread) after each successful append, to wake the consumer. */
    void onAppend(Runnable listener);

    /** Events appended and not yet polled. */
    long backlog();
}
