package io.onekey.dispatcher.alert;

/**
 * Hears every saved alert change, on the dispatcher's context, after the save. A listener must
 * return quickly: one that does I/O (sockets, webhooks) hands the change to its own context
 * first. A listener that throws is logged and skipped; it never fails the change.
 */
@FunctionalInterface
public interface AlertChangeListener {

    void changed(AlertChange change);
}
