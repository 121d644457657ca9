package io.onekey.device.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Proof of life from a device, with whatever health figures it sent.
 *
 * @param batteryPercent 0–100 when the device reports it
 * @param signal         the protocol's signal figure (0–100 for watches, 0–4 for GT06...)
 */
public record Heartbeat(
        String deviceId,
        Protocol protocol,
        Instant receivedAt,
        Optional<Instant> deviceTime,
        String dedupKey,
        OptionalInt batteryPercent,
        OptionalInt signal) implements DeviceEvent {

    public Heartbeat {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(batteryPercent, "batteryPercent");
        Objects.requireNonNull(signal, "signal");
    }
}
