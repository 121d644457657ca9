package io.onekey.dispatcher.alert;

/** Conditions a supervisor must see at a glance. */
public record AlertFlags(boolean escalated, boolean unassigned, boolean slaBreached) {

    public static final AlertFlags NONE = new AlertFlags(false, false, false);

    public AlertFlags withUnassigned(boolean value) {
        return new AlertFlags(escalated, value, slaBreached);
    }
}
