package io.onekey.device.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.gateway.GatewayConfig;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.protocol.dc09.Dc09Keys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Gateway services for codec tests: a fixed clock, a recording hand-off, a simple registry. */
public final class TestGateway {

    public static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private TestGateway() {
    }

    public static GatewayServices services(RecordingHandOff handOff, DeviceAdmission admission) {
        return services(handOff, admission, Dc09Keys.Lookup.NONE, NOW);
    }

    public static GatewayServices services(RecordingHandOff handOff, DeviceAdmission admission, Dc09Keys.Lookup keys,
                                           Instant now) {
        return services(GatewayConfig.defaults(), handOff, admission, keys, now);
    }

    public static GatewayServices services(GatewayConfig config, RecordingHandOff handOff, DeviceAdmission admission,
                                           Dc09Keys.Lookup keys, Instant now) {
        return new GatewayServices(config, handOff, admission, keys, Clock.fixed(now, ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    /** Defaults, except that no run of bad frames closes the connection: for fuzzing. */
    public static GatewayConfig neverClosing() {
        GatewayConfig d = GatewayConfig.defaults();
        return new GatewayConfig(d.host(), d.dc09Port(), d.watchPort(), d.gt06Port(), d.dc09(), d.watch(), d.gt06(),
                d.maxConnectionsPerAddress(), d.maxConnections(), Integer.MAX_VALUE, d.dc09Settings());
    }
}
