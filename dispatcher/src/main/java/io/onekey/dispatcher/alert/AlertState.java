package io.onekey.dispatcher.alert;

/** Where an alert is in its life, in order. RESOLVED and CANCELLED are final. */
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

    /** True if this state comes before the other in the life cycle (and is open). */
    public boolean before(AlertState other) {
        return isOpen() && ordinal() < other.ordinal();
    }
}
