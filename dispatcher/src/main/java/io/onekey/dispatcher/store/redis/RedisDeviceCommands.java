package io.onekey.dispatcher.store.redis;

import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.ConnectedDevices;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.device.DeviceCommands;
import io.onekey.dispatcher.intake.GatewayCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands across processes: the operator's click lands on an API node, the device is
 * connected to some gateway process. The gateway of this process (if it runs one) is asked
 * first; otherwise the request goes out on the change channel every node hears, with a
 * request id, and the gateway holding the device sends the command and publishes its outcome.
 * Gateways without the device stay silent, so a device no gateway holds is "not connected"
 * once the wait is over.
 */
public final class RedisDeviceCommands implements DeviceCommands {

    private static final Logger log = LoggerFactory.getLogger(RedisDeviceCommands.class);
    static final String REQUEST = "device-command";
    static final String OUTCOME = "device-command-outcome";

    private record Waiting(Promise<CommandOutcome> promise, Context context, long timer) {
    }

    private final RedisLink link;
    private final Vertx vertx;
    private final Optional<GatewayCommands> here;
    private final Duration wait;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /**
     * @param gateway this process's registry when it runs a gateway: it then also serves the
     *                other nodes' requests for the devices connected here
     * @param wait    how long to wait for another gateway's answer
     */
    public RedisDeviceCommands(RedisLink link, Vertx vertx, Optional<ConnectedDevices> gateway, Duration wait) {
        this.link = link;
        this.vertx = vertx;
        this.here = gateway.map(GatewayCommands::new);
        this.wait = wait;
        link.onChange(OUTCOME, this::outcomeHeard);
        gateway.ifPresent(devices -> link.onChange(REQUEST, message -> requestHeard(devices, message)));
    }

    @Override
    public Future<CommandOutcome> send(Protocol protocol, String deviceId, DeviceCommand command) {
        if (!command.supportedBy(protocol)) {
            return Future.succeededFuture(CommandOutcome.NOT_SUPPORTED);
        }
        Future<CommandOutcome> local = here.map(g -> g.send(protocol, deviceId, command))
                .orElse(Future.succeededFuture(CommandOutcome.NOT_CONNECTED));
        return local.compose(outcome -> outcome == CommandOutcome.NOT_CONNECTED
                ? askOtherGateways(protocol, deviceId, command) : Future.succeededFuture(outcome));
    }

    private Future<CommandOutcome> askOtherGateways(Protocol protocol, String deviceId, DeviceCommand command) {
        String id = link.node() + "-" + requests.incrementAndGet();
        Context context = vertx.getOrCreateContext();
        Promise<CommandOutcome> promise = Promise.promise();
        long timer = vertx.setTimer(wait.toMillis(), t -> {
            if (waiting.remove(id) != null) {
                promise.tryComplete(CommandOutcome.NOT_CONNECTED);
            }
        });
        waiting.put(id, new Waiting(promise, context, timer));
        link.publish(REQUEST, id + "\n" + protocol + "\n" + deviceId + "\n" + command).whenComplete((listeners, e) -> {
            if (e != null) {
                log.warn("command {} for {} device {} not published: {}", command, protocol, deviceId, e.getMessage());
                finish(id, CommandOutcome.NOT_CONNECTED);
            }
        });
        return promise.future();
    }

    /** On a Lettuce thread: the outcome of one of this node's requests (other nodes' are ignored). */
    private void outcomeHeard(String message) {
        String[] parts = message.split("\n", -1);
        if (parts.length == 2) {
            try {
                finish(parts[0], CommandOutcome.valueOf(parts[1]));
            } catch (IllegalArgumentException e) {
                log.warn("a command outcome from another node could not be read: {}", parts[1]);
            }
        }
    }

    private void finish(String id, CommandOutcome outcome) {
        Waiting w = waiting.remove(id);
        if (w != null) {
            vertx.cancelTimer(w.timer());
            w.context().runOnContext(v -> w.promise().tryComplete(outcome));
        }
    }

    /** On a Lettuce thread: another node's request; answered only when the device is connected here. */
    private void requestHeard(ConnectedDevices devices, String message) {
        String[] parts = message.split("\n", -1);
        if (parts.length != 4) {
            return;
        }
        Protocol protocol;
        DeviceCommand command;
        try {
            protocol = Protocol.valueOf(parts[1]);
            command = DeviceCommand.valueOf(parts[3]);
        } catch (IllegalArgumentException e) {
            log.warn("a command request from another node could not be read");
            return;
        }
        String id = parts[0];
        if (!devices.connected(protocol, parts[2])) {
            return;
        }
        devices.send(protocol, parts[2], command).thenAccept(outcome -> {
            if (outcome != CommandOutcome.NOT_CONNECTED) {
                link.publish(OUTCOME, id + "\n" + outcome);
            }
        });
    }
}
