package io.onekey.device.gateway;

import io.onekey.device.command.ConnectedDevices;
import io.onekey.device.session.DeviceAdmission;

import io.onekey.device.session.EventHandOff;

import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.session.DeviceConnectionBudget;
import io.onekey.device.session.SessionServices;
import java.time.Clock;
import java.util.Objects;

/** What every protocol pipeline needs from the outside, handed over in one piece. */
public record GatewayServices(
        GatewayConfig config,
        EventHandOff handOff,
        DeviceAdmission admission,
        Dc09Keys.Lookup dc09Keys,
        Clock clock,
        MeterRegistry registry,
        DeviceConnectionBudget connectionBudget,
        ConnectedDevices connectedDevices) implements SessionServices {

    /** With the connection budget this process's open-file limit allows (see {@link DescriptorBudget}). */
    public GatewayServices(GatewayConfig config, EventHandOff handOff, DeviceAdmission admission, Dc09Keys.Lookup dc09Keys,
                           Clock clock, MeterRegistry registry) {
        this(config, handOff, admission, dc09Keys, clock, registry, new ConnectedDevices());
    }

    /** As above, binding devices in the registry given (the server's, which the dispatcher sends commands through). */
    public GatewayServices(GatewayConfig config, EventHandOff handOff, DeviceAdmission admission, Dc09Keys.Lookup dc09Keys,
                           Clock clock, MeterRegistry registry, ConnectedDevices connectedDevices) {
        this(config, handOff, admission, dc09Keys, clock, registry, new DeviceConnectionBudget(
                DescriptorBudget.deviceConnections(config.maxConnections(), DescriptorBudget.openFileLimit())), connectedDevices);
    }

    /** With the connection budget given and a registry of its own. */
    public GatewayServices(GatewayConfig config, EventHandOff handOff, DeviceAdmission admission, Dc09Keys.Lookup dc09Keys,
                           Clock clock, MeterRegistry registry, DeviceConnectionBudget connectionBudget) {
        this(config, handOff, admission, dc09Keys, clock, registry, connectionBudget, new ConnectedDevices());
    }

    public GatewayServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handOff, "handOff");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(dc09Keys, "dc09Keys");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(connectionBudget, "connectionBudget");
        Objects.requireNonNull(connectedDevices, "connectedDevices");
    }

    @Override
    public int maxInvalidFramesInARow() {
        return config.maxInvalidFramesInARow();
    }

    @Override
    public int maxConnectionsPerAddress() {
        return config.maxConnectionsPerAddress();
    }

}
