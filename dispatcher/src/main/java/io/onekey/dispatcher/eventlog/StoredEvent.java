package io.onekey.dispatcher.eventlog;

import io.onekey.device.event.DeviceEvent;

/** A device event as the log holds it, with its position in the log. */
public record StoredEvent(long sequence, DeviceEvent event) {
}
