package io.onekey.device.gateway;

import java.time.Duration;

/**
 * Limits and ports of the device gateway. Defaults are declared here once.
 *
 * @param host                     address to bind
 * @param dc09Port                 SIA DC-09, TCP and UDP
 * @param watchPort                watch protocol, TCP
 * @param gt06Port                 GT06, TCP
 * @param maxFrameBytes            frames longer than this are discarded and counted
 * @param idleTimeout              a connection silent for this long is closed
 * @param maxConnectionsPerAddress cap per source IP address (a NAT'd fleet needs a high one)
 * @param maxConnections           cap over all device connections
 * @param maxInvalidFramesInARow   a connection sending this many bad frames in a row is closed
 */
public record GatewayConfig(
        String host,
        int dc09Port,
        int watchPort,
        int gt06Port,
        int maxFrameBytes,
        Duration idleTimeout,
        int maxConnectionsPerAddress,
        int maxConnections,
        int maxInvalidFramesInARow) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_DC09_PORT = 7100;
    public static final int DEFAULT_WATCH_PORT = 7101;
    public static final int DEFAULT_GT06_PORT = 7102;

    public GatewayConfig {
        requirePort("dc09Port", dc09Port);
        requirePort("watchPort", watchPort);
        requirePort("gt06Port", gt06Port);
        requirePositive("maxFrameBytes", maxFrameBytes);
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxInvalidFramesInARow", maxInvalidFramesInARow);
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("gateway.idleTimeout must be positive");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(DEFAULT_HOST, DEFAULT_DC09_PORT, DEFAULT_WATCH_PORT, DEFAULT_GT06_PORT,
                16 * 1024, Duration.ofMinutes(10), 5_000, 18_000, 10);
    }

    /** Same limits, other ports; port 0 asks the OS for a free one (tests). */
    public GatewayConfig withPorts(int dc09, int watch, int gt06) {
        return new GatewayConfig(host, dc09, watch, gt06, maxFrameBytes, idleTimeout,
                maxConnectionsPerAddress, maxConnections, maxInvalidFramesInARow);
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("gateway." + name + " must be 0-65535, was " + port);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("gateway." + name + " must be positive, was " + value);
        }
    }
}
