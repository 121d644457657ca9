package io.onekey.device.command;

import io.netty.channel.Channel;
import io.onekey.device.event.Protocol;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The devices connected to this gateway process and identified, each with its connection:
 * where a command for a device is written. A connection binds its device once the device is
 * known (a watch's first admitted frame, a GT06 login) and unbinds it when it closes, but only
 * while the binding is still its own: a device that reconnected meanwhile keeps its new one.
 * Thread-safe; commands are written on the connection's own event loop.
 */
public final class ConnectedDevices {

    private record Key(Protocol protocol, String deviceId) {
    }

    private record Connection(Channel channel, CommandWriter writer) {
    }

    private final Map<Key, Connection> byDevice = new ConcurrentHashMap<>();

    public void bind(Protocol protocol, String deviceId, Channel channel, CommandWriter writer) {
        byDevice.put(new Key(protocol, deviceId), new Connection(channel, writer));
    }

    /** Unbinds the device if it is still bound to this channel. */
    public void unbind(Protocol protocol, String deviceId, Channel channel) {
        byDevice.computeIfPresent(new Key(protocol, deviceId), (key, bound) -> bound.channel() == channel ? null : bound);
    }

    public boolean connected(Protocol protocol, String deviceId) {
        return channelOf(protocol, deviceId).filter(Channel::isActive).isPresent();
    }

    /** How many devices are bound. */
    public int size() {
        return byDevice.size();
    }

    Optional<Channel> channelOf(Protocol protocol, String deviceId) {
        return Optional.ofNullable(byDevice.get(new Key(protocol, deviceId))).map(Connection::channel);
    }

    /**
     * Writes the command to the device's connection. Completes with {@link CommandOutcome#SENT}
     * once the bytes are written, {@link CommandOutcome#NOT_CONNECTED} when the device is not
     * connected here (or the connection closed before the write), and
     * {@link CommandOutcome#NOT_SUPPORTED} when its protocol has no such command. Never fails.
     */
    public CompletionStage<CommandOutcome> send(Protocol protocol, String deviceId, DeviceCommand command) {
        if (!command.supportedBy(protocol)) {
            return CompletableFuture.completedFuture(CommandOutcome.NOT_SUPPORTED);
        }
        Connection connection = byDevice.get(new Key(protocol, deviceId));
        if (connection == null || !connection.channel().isActive()) {
            return CompletableFuture.completedFuture(CommandOutcome.NOT_CONNECTED);
        }
        CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();
        Channel channel = connection.channel();
        // On the connection's own loop: the writer's per-connection state (a GT06 serial) is only
        // ever touched there, and the command goes out between two answers, never inside one.
        try {
            channel.eventLoop().execute(() -> write(channel, connection.writer(), command, outcome));
        } catch (RejectedExecutionException e) {
            outcome.complete(CommandOutcome.NOT_CONNECTED); // the gateway is shutting down
        }
        return outcome;
    }

    private static void write(Channel channel, CommandWriter writer, DeviceCommand command,
                              CompletableFuture<CommandOutcome> outcome) {
        Optional<Object> message = writer.messageFor(command);
        if (message.isEmpty()) {
            outcome.complete(CommandOutcome.NOT_SUPPORTED);
        } else if (!channel.isActive()) {
            outcome.complete(CommandOutcome.NOT_CONNECTED);
        } else {
            channel.writeAndFlush(message.get()).addListener(written ->
                    outcome.complete(written.isSuccess() ? CommandOutcome.SENT : CommandOutcome.NOT_CONNECTED));
        }
    }
}
