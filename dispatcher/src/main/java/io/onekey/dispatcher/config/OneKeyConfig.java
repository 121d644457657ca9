package io.onekey.dispatcher.config;

import io.onekey.device.gateway.GatewayConfig;
import io.onekey.device.gateway.ProtocolLimits;
import io.onekey.device.protocol.dc09.Dc09CodeTable;
import io.onekey.device.protocol.dc09.Dc09Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's whole configuration. Every setting has a default, so the demo needs none.
 *
 * @param directoryFile        residents, devices and providers to load at start (JSON or YAML)
 * @param acceptUnknownDevices the commissioning switch: frames from unknown devices register
 *                             them as unassigned instead of being refused
 * @param adminToken           the bootstrap admin token; generated and printed when absent
 */
public record OneKeyConfig(
        HttpConfig http,
        GatewayConfig gateway,
        DispatchConfig dispatch,
        Optional<Path> directoryFile,
        boolean acceptUnknownDevices,
        Optional<String> adminToken) {

    public static OneKeyConfig defaults() {
        return new OneKeyConfig(HttpConfig.defaults(), GatewayConfig.defaults(), DispatchConfig.defaults(),
                Optional.empty(), false, Optional.empty());
    }

    /** Reads a file (optional), the environment and explicit overrides, in rising precedence. */
    public static OneKeyConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Settings s = Settings.load(file, environment, overrides);
        HttpConfig httpDefaults = HttpConfig.defaults();
        GatewayConfig gw = GatewayConfig.defaults();
        DispatchConfig dd = DispatchConfig.defaults();
        OneKeyConfig config;
        try {
            config = new OneKeyConfig(
                    new HttpConfig(
                            s.string("http.host", httpDefaults.host()),
                            s.integer("http.port", httpDefaults.port()),
                            s.integer("http.maxBodyBytes", httpDefaults.maxBodyBytes())),
                    gateway(s, gw),
                    new DispatchConfig(
                            s.duration("dispatch.offerTimeout", dd.offerTimeout()),
                            s.decimal("dispatch.maxRadiusMeters", dd.maxRadiusMeters()),
                            s.duration("dispatch.maxFixAge", dd.maxFixAge()),
                            s.integer("dispatch.eventLogCapacity", dd.eventLogCapacity())),
                    Optional.ofNullable(s.string("directory.file", null)).map(Path::of),
                    s.bool("acceptUnknownDevices", false),
                    Optional.ofNullable(s.string("adminToken", null)));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // Records below this package validate with plain IllegalArgumentException, whose
            // message already starts with the key ("gateway.watchPort must be ...").
            throw new ConfigException(e.getMessage().split(" ", 2)[0], e.getMessage());
        }
        Set<String> unused = s.unusedFileKeys();
        if (!unused.isEmpty()) {
            throw new ConfigException(unused.iterator().next(), "unknown setting in " + file + " (unknown keys: " + unused + ")");
        }
        return config;
    }

    private static GatewayConfig gateway(Settings s, GatewayConfig d) {
        Dc09Settings dc09 = d.dc09Settings();
        return new GatewayConfig(
                s.string("gateway.host", d.host()),
                s.integer("gateway.dc09Port", d.dc09Port()),
                s.integer("gateway.watchPort", d.watchPort()),
                s.integer("gateway.gt06Port", d.gt06Port()),
                limits(s, "gateway.dc09", d.dc09()),
                limits(s, "gateway.watch", d.watch()),
                limits(s, "gateway.gt06", d.gt06()),
                s.integer("gateway.maxConnectionsPerAddress", d.maxConnectionsPerAddress()),
                s.integer("gateway.maxConnections", d.maxConnections()),
                s.integer("gateway.maxInvalidFramesInARow", d.maxInvalidFramesInARow()),
                new Dc09Settings(
                        s.duration("gateway.dc09.maxAhead", dc09.maxAhead()),
                        s.duration("gateway.dc09.maxBehind", dc09.maxBehind()),
                        Dc09CodeTable.withOverrides(s.string("gateway.dc09.codeOverrides", ""))));
    }

    private static ProtocolLimits limits(Settings s, String prefix, ProtocolLimits d) {
        try {
            return new ProtocolLimits(s.integer(prefix + ".maxFrameBytes", d.maxFrameBytes()),
                    s.duration(prefix + ".idleTimeout", d.idleTimeout()));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "." + e.getMessage().split(" ", 2)[0], e.getMessage());
        }
    }
}
