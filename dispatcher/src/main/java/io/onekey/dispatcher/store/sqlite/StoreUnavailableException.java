package io.onekey.dispatcher.store.sqlite;

/** A commit failed (a full disk, a read-only directory): nothing in it was stored. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super("the store cannot write: " + message, cause);
    }
}
