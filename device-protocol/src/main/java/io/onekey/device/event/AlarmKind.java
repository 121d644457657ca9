package io.onekey.device.event;

/** What an alarm is about. The dispatcher derives the alert's priority from it. */
public enum AlarmKind {
    SOS,
    FALL,
    MEDICAL,
    PANIC,
    FIRE,
    GEOFENCE_EXIT,
    LOW_BATTERY,
    POWER_LOSS,
    TAMPER,
    SERVICE_REQUEST,
    CANCEL,
    TEST,
    /** Raised by the server's device supervision when a terminal falls silent; never sent by a device. */
    TERMINAL_OFFLINE,
    /** Raised by the server's watchdog when its own pipeline falls behind; never sent by a device. */
    PIPELINE_DEGRADED,
    /** A code we do not map; the raw code travels with the alarm so that nothing is dropped. */
    OTHER
}
