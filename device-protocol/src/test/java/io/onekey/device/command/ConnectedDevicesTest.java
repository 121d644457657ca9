package io.onekey.device.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.Protocol;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectedDevicesTest {

    private static final CommandWriter TEXT = command -> Optional.of(command.name());

    private final ConnectedDevices devices = new ConnectedDevices();
    private final EmbeddedChannel first = new EmbeddedChannel();
    private final EmbeddedChannel second = new EmbeddedChannel();

    @AfterEach
    void close() {
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void aBoundDeviceGetsTheCommandOnItsConnectionsLoop() {
        devices.bind(Protocol.WATCH, "W1", first, TEXT);

        CompletionStage<CommandOutcome> outcome = devices.send(Protocol.WATCH, "W1", DeviceCommand.LOCATE);
        assertFalse(outcome.toCompletableFuture().isDone(), "written on the channel's event loop, not the caller's thread");
        first.runPendingTasks();

        assertEquals("LOCATE", first.readOutbound());
        assertEquals(CommandOutcome.SENT, outcome.toCompletableFuture().join());
    }

    @Test
    void anUnknownDeviceIsNotConnected() {
        assertEquals(CommandOutcome.NOT_CONNECTED, devices.send(Protocol.WATCH, "nobody", DeviceCommand.LOCATE)
                .toCompletableFuture().join());
    }

    @Test
    void aCommandItsProtocolLacksIsNotSupportedWhetherOrNotTheDeviceIsConnected() {
        devices.bind(Protocol.GT06, "864717003283581", first, TEXT);
        assertEquals(CommandOutcome.NOT_SUPPORTED, devices.send(Protocol.GT06, "864717003283581", DeviceCommand.RING)
                .toCompletableFuture().join());
        assertEquals(CommandOutcome.NOT_SUPPORTED, devices.send(Protocol.DC09, "1234", DeviceCommand.LOCATE)
                .toCompletableFuture().join());
        assertNull(first.readOutbound());
    }

    @Test
    void aWriterThatCannotCarryTheCommandMakesItNotSupported() {
        devices.bind(Protocol.WATCH, "W1", first, command -> Optional.empty());
        CompletionStage<CommandOutcome> outcome = devices.send(Protocol.WATCH, "W1", DeviceCommand.RING);
        first.runPendingTasks();
        assertEquals(CommandOutcome.NOT_SUPPORTED, outcome.toCompletableFuture().join());
    }

    @Test
    void closingTheConnectionUnbindsItsDevice() {
        devices.bind(Protocol.WATCH, "W1", first, TEXT);
        devices.unbind(Protocol.WATCH, "W1", first);
        assertFalse(devices.connected(Protocol.WATCH, "W1"));
        assertEquals(0, devices.size());
    }

    @Test
    void theOldConnectionsCloseLeavesADeviceThatReconnectedBound() {
        devices.bind(Protocol.WATCH, "W1", first, TEXT);
        devices.bind(Protocol.WATCH, "W1", second, TEXT);

        devices.unbind(Protocol.WATCH, "W1", first);

        assertTrue(devices.connected(Protocol.WATCH, "W1"));
        CompletionStage<CommandOutcome> outcome = devices.send(Protocol.WATCH, "W1", DeviceCommand.RING);
        second.runPendingTasks();
        assertEquals("RING", second.readOutbound());
        assertNull(first.readOutbound());
        assertEquals(CommandOutcome.SENT, outcome.toCompletableFuture().join());
    }

    @Test
    void aConnectionClosedBeforeTheWriteIsNotConnected() {
        devices.bind(Protocol.WATCH, "W1", first, TEXT);
        first.close();
        assertEquals(CommandOutcome.NOT_CONNECTED, devices.send(Protocol.WATCH, "W1", DeviceCommand.LOCATE)
                .toCompletableFuture().join());
    }

    @Test
    void theSameIdUnderAnotherProtocolIsAnotherDevice() {
        devices.bind(Protocol.WATCH, "123", first, TEXT);
        assertFalse(devices.connected(Protocol.GT06, "123"));
    }
}
