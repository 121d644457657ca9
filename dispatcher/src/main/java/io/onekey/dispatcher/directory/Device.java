package io.onekey.dispatcher.directory;

import io.onekey.device.event.Protocol;
import java.util.Objects;

/**
 * A registered terminal.
 *
 * @param residentId               the resident it belongs to, or null for an unassigned
 *                                 device (commissioned but not yet handed out)
 * @param heartbeatIntervalSeconds how often it is expected to be heard from
 */
public record Device(
        String id,
        Protocol protocol,
        DeviceType type,
        String residentId,
        int heartbeatIntervalSeconds) {

    public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 300;

    public Device {
        DirectoryValidation.requireId("device.id", id);
        Objects.requireNonNull(protocol, "device.protocol is required");
        type = type == null ? DeviceType.HOME_TERMINAL : type;
        heartbeatIntervalSeconds = heartbeatIntervalSeconds <= 0 ? DEFAULT_HEARTBEAT_INTERVAL_SECONDS : heartbeatIntervalSeconds;
    }

    public static Device unassigned(Protocol protocol, String id) {
        return new Device(id, protocol, DeviceType.HOME_TERMINAL, null, DEFAULT_HEARTBEAT_INTERVAL_SECONDS);
    }

    public boolean assigned() {
        return residentId != null;
    }
}
