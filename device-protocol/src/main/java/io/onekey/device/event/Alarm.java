package io.onekey.device.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alarm raised by a device: a button press, a fall, a technical trouble.
 *
 * @param position    the fix sent with the alarm, if the device had a valid one; an alarm
 *                    without a fix is still an alarm
 * @param rawCode     the protocol's own code for the alarm (status bit, Contact ID code...),
 *                    kept so that vendor-specific meanings can be audited and remapped
 * @param serviceType the requested service for {@link AlarmKind#SERVICE_REQUEST}, else empty
 */
public record Alarm(
        String deviceId,
        Protocol protocol,
        Instant receivedAt,
        Optional<Instant> deviceTime,
        String dedupKey,
        AlarmKind kind,
        Optional<Position> position,
        String rawCode,
        Optional<String> serviceType) implements DeviceEvent {

    public Alarm {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(rawCode, "rawCode");
        Objects.requireNonNull(serviceType, "serviceType");
    }
}
