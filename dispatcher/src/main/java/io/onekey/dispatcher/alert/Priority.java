package io.onekey.dispatcher.alert;

import io.onekey.device.event.AlarmKind;

/** P1 life-threatening, P2 safety, P3 service request, P4 technical. */
public enum Priority {
    P1,
    P2,
    P3,
    P4;

    /** The default table of DESIGN.md; a configurable table replaces it later. */
    public static Priority of(AlarmKind kind) {
        return switch (kind) {
            case SOS, FALL, MEDICAL, PANIC, FIRE -> P1;
            // An alarm we cannot name might be a life: an operator looks at it before P3/P4 work.
            case GEOFENCE_EXIT, OTHER -> P2;
            case SERVICE_REQUEST -> P3;
            case LOW_BATTERY, POWER_LOSS, TAMPER, TEST, CANCEL -> P4;
        };
    }
}
