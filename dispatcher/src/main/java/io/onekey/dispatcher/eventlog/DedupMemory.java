package io.onekey.dispatcher.eventlog;

/**
 * The dedup keys of recently processed alarms, so that a device's retransmission (it did not
 * get our answer in time) does not count as a second press. Bounded by the implementation:
 * the oldest keys go first.
 */
public interface DedupMemory {

    /** Remembers the key; true the first time it is seen. */
    boolean firstTime(String dedupKey);

    /**
     * The alarm with this key failed (its alert could not be stored): the key must not count as
     * seen, or the alarm's reprocessing would be taken for a retransmission and lost.
     */
    default void forget(String dedupKey) {
    }

    /** A batch of events is done: keys that nothing else stored are stored now. */
    default void batchDone() {
    }
}
