package io.onekey.dispatcher.eventlog;

/** The log is at capacity: the dispatcher is not keeping up. Devices are not answered and retransmit. */
public final class EventLogFullException extends RuntimeException {

    public EventLogFullException(int capacity) {
        super("event log full (" + capacity + " events)", null, false, false);
    }
}
