package io.onekey.dispatcher.eventlog;

/**
 * A shared store refused a change because the alarm behind it was already stored: another
 * node processed the same press (a retransmission that reached another gateway, or an event
 * taken over from a node that died after storing its alert). Not an error: the press counts once.
 */
public final class DuplicateAlarmException extends RuntimeException {

    public DuplicateAlarmException(String dedupKey) {
        super("alarm already stored (" + dedupKey + ")", null, false, false);
    }
}
