package io.onekey.dispatcher.directory;

/** What a provider can be sent to do. */
public enum ServiceType {
    EMERGENCY,
    NURSING,
    MEALS,
    HOUSEKEEPING
}
