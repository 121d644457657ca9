package io.onekey.dispatcher.alert;

/** Where an alert is in its life. RESOLVED and CANCELLED are final. */
public enum AlertState {
    NEW,
    ACKNOWLEDGED,
    DISPATCHED,
    ACCEPTED,
    ON_SCENE,
    RESOLVED,
    CANCELLED;

    public boolean isOpen() {
        return this != RESOLVED && this != CANCELLED;
    }
}
