package io.onekey.dispatcher.intake;

import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.ConnectedDevices;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.device.DeviceCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Commands through the gateway of this process: its registry of connected devices. */
public final class GatewayCommands implements DeviceCommands {

    private final ConnectedDevices devices;

    public GatewayCommands(ConnectedDevices devices) {
        this.devices = devices;
    }

    @Override
    public Future<CommandOutcome> send(Protocol protocol, String deviceId, DeviceCommand command) {
        // The write completes on the device's Netty loop; what follows runs back on the caller's context.
        Context caller = Vertx.currentContext();
        var written = devices.send(protocol, deviceId, command);
        return caller == null ? Future.fromCompletionStage(written) : Future.fromCompletionStage(written, caller);
    }
}
