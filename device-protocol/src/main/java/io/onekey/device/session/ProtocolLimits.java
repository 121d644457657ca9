package io.onekey.device.session;

import java.time.Duration;

/**
 * Limits of one protocol's listener.
 *
 * @param maxFrameBytes longer frames are discarded and counted
 * @param idleTimeout   a connection silent this long is closed (set it above the devices'
 *                      heartbeat interval)
 */
public record ProtocolLimits(int maxFrameBytes, Duration idleTimeout) {

    public ProtocolLimits {
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 64, was " + maxFrameBytes);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }
}
