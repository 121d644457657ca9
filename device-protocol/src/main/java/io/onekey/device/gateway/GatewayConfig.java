package io.onekey.device.gateway;

import io.onekey.device.session.ProtocolLimits;

import io.onekey.device.protocol.dc09.Dc09Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Ports and limits of the device gateway. Defaults are declared here once.
 *
 * @param host                     address to bind
 * @param dc09Port                 SIA DC-09, TCP and UDP
 * @param watchPort                watch protocol, TCP
 * @param gt06Port                 GT06, TCP
 * @param maxConnectionsPerAddress cap per source IP address (a NAT'd fleet needs a high one)
 * @param maxConnections           cap over all device connections of all listeners together; 0: as many
 *                                 as the process's open-file limit allows (see {@link DescriptorBudget})
 * @param maxInvalidFramesInARow   a connection sending this many bad frames in a row is closed
 */
public record GatewayConfig(
        String host,
        int dc09Port,
        int watchPort,
        int gt06Port,
        ProtocolLimits dc09,
        ProtocolLimits watch,
        ProtocolLimits gt06,
        int maxConnectionsPerAddress,
        int maxConnections,
        int maxInvalidFramesInARow,
        Dc09Settings dc09Settings) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_DC09_PORT = 7100;
    public static final int DEFAULT_WATCH_PORT = 7101;
    public static final int DEFAULT_GT06_PORT = 7102;

    public GatewayConfig {
        requirePort("dc09Port", dc09Port);
        requirePort("watchPort", watchPort);
        requirePort("gt06Port", gt06Port);
        Objects.requireNonNull(dc09, "gateway.dc09");
        Objects.requireNonNull(watch, "gateway.watch");
        Objects.requireNonNull(gt06, "gateway.gt06");
        Objects.requireNonNull(dc09Settings, "gateway.dc09Settings");
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        if (maxConnections < 0) {
            throw new IllegalArgumentException("gateway.maxConnections must be 0 (automatic) or positive, was " + maxConnections);
        }
        requirePositive("maxInvalidFramesInARow", maxInvalidFramesInARow);
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(DEFAULT_HOST, DEFAULT_DC09_PORT, DEFAULT_WATCH_PORT, DEFAULT_GT06_PORT,
                // DC-09 messages are short; panels reconnect per message or poll with NULL.
                new ProtocolLimits(2048, Duration.ofMinutes(5)),
                // Watch frames carry Wi-Fi lists and voice chunks of about 1 KB.
                new ProtocolLimits(16 * 1024, Duration.ofMinutes(10)),
                new ProtocolLimits(4096, Duration.ofMinutes(10)),
                5_000, 0, 10, Dc09Settings.defaults());
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
