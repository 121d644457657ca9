package io.onekey.dispatcher.directory;

/** Whether a provider takes new offers. */
public enum ProviderStatus {
    AVAILABLE,
    BUSY,
    OFF_DUTY
}
