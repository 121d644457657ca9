package io.onekey.dispatcher.directory;

/** A fixed home terminal or a wearable (whose GPS fix may be better than the home address). */
public enum DeviceType {
    HOME_TERMINAL,
    WEARABLE
}
