package io.onekey.device.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A periodic position report. */
public record Location(
        String deviceId,
        Protocol protocol,
        Instant receivedAt,
        Optional<Instant> deviceTime,
        String dedupKey,
        Position position) implements DeviceEvent {

    public Location {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(position, "position");
    }
}
