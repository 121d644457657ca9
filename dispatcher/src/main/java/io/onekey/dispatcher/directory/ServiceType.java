package io.onekey.dispatcher.directory;

/** What a provider can be sent to do. */
public enum ServiceType {
    EMERGENCY,
    NURSING,
    MEALS,
    HOUSEKEEPING,
    REPAIRS,
    /** Bathing, haircut, massage. */
    PERSONAL_CARE,
    DOCTOR,
    /** Visits and caring calls: social workers and volunteers. */
    COMPANIONSHIP
}
