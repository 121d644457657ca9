package io.onekey.dispatcher.alert;

/** P1 life-threatening, P2 safety, P3 service request, P4 technical. Lower is more urgent. */
public enum Priority {
    P1,
    P2,
    P3,
    P4
}
