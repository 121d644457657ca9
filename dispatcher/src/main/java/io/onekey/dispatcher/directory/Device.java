package io.onekey.dispatcher.directory;

import io.onekey.device.event.Protocol;
import io.onekey.device.protocol.dc09.Dc09Keys;
import java.util.Objects;

/**
 * A registered terminal.
 *
 * @param residentId               the resident it belongs to, or null for an unassigned
 *                                 device (commissioned but not yet handed out)
 * @param heartbeatIntervalSeconds how often it is expected to be heard from
 * @param dc09Key                  a DC-09 panel's AES key (ASCII, hex, or {@code hex:}/{@code ascii:}
 *                                 prefixed), or null; never logged or shown
 */
public record Device(
        String id,
        Protocol protocol,
        DeviceType type,
        String residentId,
        int heartbeatIntervalSeconds,
        String dc09Key) {

    public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 300;

    public Device {
        DirectoryValidation.requireId("device.id", id);
        Objects.requireNonNull(protocol, "device.protocol is required");
        type = type == null ? DeviceType.HOME_TERMINAL : type;
        heartbeatIntervalSeconds = heartbeatIntervalSeconds <= 0 ? DEFAULT_HEARTBEAT_INTERVAL_SECONDS : heartbeatIntervalSeconds;
        if (dc09Key != null) {
            if (protocol != Protocol.DC09) {
                throw new IllegalArgumentException("device.dc09Key is only for DC09 devices");
            }
            try {
                Dc09Keys.parse(dc09Key);
            } catch (IllegalArgumentException e) {
                // The message says what is wrong with the key's form, never the key.
                throw new IllegalArgumentException("device.dc09Key: " + e.getMessage());
            }
        }
    }

    public Device(String id, Protocol protocol, DeviceType type, String residentId, int heartbeatIntervalSeconds) {
        this(id, protocol, type, residentId, heartbeatIntervalSeconds, null);
    }

    /** The key stays out of logs and error messages. */
    @Override
    public String toString() {
        return "Device[id=" + id + ", protocol=" + protocol + ", type=" + type + ", residentId=" + residentId
                + ", heartbeatIntervalSeconds=" + heartbeatIntervalSeconds + ", dc09Key=" + (dc09Key == null ? "none" : "***") + "]";
    }

    public static Device unassigned(Protocol protocol, String id) {
        return new Device(id, protocol, DeviceType.HOME_TERMINAL, null, DEFAULT_HEARTBEAT_INTERVAL_SECONDS, null);
    }

    public boolean assigned() {
        return residentId != null;
    }
}
