package io.onekey.dispatcher.eventlog;


import io.onekey.device.event.DeviceEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable hand-off between the gateway and the dispatcher. The gateway appends and
 * answers the device once the append succeeded; the dispatcher polls what it has not yet
 * processed. An append may fail (log full, store down): the device then retransmits.
 *
 * <p>Two lanes: life-threatening alarms go in the priority lane and are always polled first,
 * so that an SOS never waits behind the thousands of power-loss reports of a blackout.
 */
public interface EventLog {

    enum Lane {
        PRIORITY,
        NORMAL
    }

    /** Stores the events, all or none, in the given lane. Safe to call from any thread. */
    Future<Void> append(List<DeviceEvent> events, Lane lane);

    /** Up to {@code max} events not yet handed to the consumer: the priority lane first, each lane oldest first. */
    Future<List<StoredEvent>> poll(int max);

    /**
     * The consumer is done with these events: a durable log marks them, so that after a restart
     * only the events not yet processed are handed out again.
     */
    void processed(List<StoredEvent> events);

    /**
     * The consumer failed on these events (the store could not take their effects): they are
     * not processed. A shared log hands them out again after a while; a local one after a restart.
     */
    default void notProcessed(List<StoredEvent> events) {
    }

    /**
     * True for a log shared by several processes: gateways append in some, dispatchers consume
     * in others, so no one process sees both ends, and the log itself says how far behind it is.
     */
    default boolean shared() {
        return false;
    }

    /** For a shared log: when the oldest event not yet processed (by any node) was stored; empty when none waits. */
    default Optional<Instant> oldestUnprocessed() {
        return Optional.empty();
    }

    /** Called (from any thread) after each successful append, to wake the consumer. */
    void onAppend(Runnable listener);

    /** Events appended and not yet polled. */
    long backlog();
}
