package io.onekey.device.event;

/** The wire protocols the gateway speaks. */
public enum Protocol {
    DC09,
    WATCH,
    GT06
}
