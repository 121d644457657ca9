package io.onekey.device.event;

/** The wire protocols the gateway speaks, and the server itself as the source of its own alerts. */
public enum Protocol {
    DC09,
    WATCH,
    GT06,
    /** No wire: alerts the server raises about itself (its watchdog). No device or listener has it. */
    SYSTEM
}
