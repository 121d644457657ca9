package io.onekey.dispatcher.care;

/** How a request came in. */
public enum CareChannel {
    /** The service key of the resident's terminal. */
    TERMINAL,
    /** An operator taking a phone call. */
    PHONE,
    FAMILY,
    /** Generated from a care schedule. */
    SCHEDULE
}
