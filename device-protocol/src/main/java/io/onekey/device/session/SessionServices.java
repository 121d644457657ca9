package io.onekey.device.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.device.command.ConnectedDevices;
import java.time.Clock;

/**
 * What a device connection needs from the outside, whatever its protocol: where its events
 * go, who may connect, where commands find it, the clock, the meters and the connection limits. The gateway provides it.
 */
public interface SessionServices {

    EventHandOff handOff();

    DeviceAdmission admission();

    Clock clock();

    MeterRegistry registry();

    /** A connection sending this many bad frames in a row is closed. */
    int maxInvalidFramesInARow();

    int maxConnectionsPerAddress();

    /** The device connections all listeners together may hold. */
    DeviceConnectionBudget connectionBudget();

    /** Where identified devices are bound to their connections, for commands from the server. */
    ConnectedDevices connectedDevices();
}
