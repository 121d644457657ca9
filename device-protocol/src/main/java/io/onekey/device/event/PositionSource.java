package io.onekey.device.event;

/** How a device determined its position; decides how far the fix can be trusted. */
public enum PositionSource {
    GPS,
    LBS,
    WIFI
}
