package io.onekey.dispatcher.device;

import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.Protocol;
import io.vertx.core.Future;

/**
 * Sends a command to a terminal through whichever gateway holds its connection: the one in
 * this process, or, with a shared store, another process's. Completes with the outcome on the
 * caller's context, within a bounded time, and never fails: a device no gateway holds is
 * {@link CommandOutcome#NOT_CONNECTED}.
 */
@FunctionalInterface
public interface DeviceCommands {

    Future<CommandOutcome> send(Protocol protocol, String deviceId, DeviceCommand command);

    /** No gateway anywhere (a node that runs none and shares no store): nothing is ever connected. */
    DeviceCommands NONE = (protocol, deviceId, command) -> Future.succeededFuture(
            command.supportedBy(protocol) ? CommandOutcome.NOT_CONNECTED : CommandOutcome.NOT_SUPPORTED);
}
