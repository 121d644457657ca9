package io.onekey.device.protocol.gt06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.Protocol;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The server's command packets (0x80), byte for byte against the captured one, and their sending. */
class Gt06CommandsTest {

    private static CapturedFrame capturedRelayCommand() {
        List<CapturedFrame> found = CapturedFrames.load("vectors-gt06.txt", f -> f.label().equals("GT06ENC"));
        assertEquals(1, found.size());
        return found.get(0);
    }

    private static String encode(Gt06Command command) {
        ByteBuf out = Unpooled.buffer();
        Gt06CommandEncoder.encode(command, out);
        String hex = ByteBufUtil.hexDump(out);
        out.release();
        return hex;
    }

    @Test
    void relayCommandIsEncodedExactlyLikeTheCapture() {
        CapturedFrame capture = capturedRelayCommand();
        assertEquals(HexFormat.of().formatHex(capture.bytes()), encode(new Gt06Command(0, "Relay,1#", 0)));
        assertEquals("787812800c0000000052656c61792c312300009dee0d0a", encode(new Gt06Command(0, "Relay,1#", 0)));
    }

    @Test
    void locateIsWhereInACommandPacketThatDecodesWithAValidCrc() {
        Gt06Command where = Gt06Commands.packet(DeviceCommand.LOCATE, 7).orElseThrow();
        String hex = encode(where);
        // 78 78, length 0x10 (protocol, command length, flag 4, "WHERE#" 6, serial, CRC), 0x80, command length 0x0a
        assertTrue(hex.startsWith("787810800a00000000" + HexFormat.of().formatHex("WHERE#".getBytes())), hex);
        Gt06Packet decoded = (Gt06Packet) Gt06MessageDecoder.decode(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
        assertEquals(0x80, decoded.protocol());
        assertEquals(7, decoded.serial());
        assertTrue(decoded.crcValid());
    }

    @Test
    void gt06HasNoRingCommand() {
        assertTrue(Gt06Commands.packet(DeviceCommand.RING, 1).isEmpty());
        assertTrue(!DeviceCommand.RING.supportedBy(Protocol.GT06));
    }

    @Test
    void aCommandTooLongForTheLengthByteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Gt06Command(0, "x".repeat(Gt06Command.MAX_CONTENT_BYTES + 1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Gt06Command(0, "", 0));
    }

    @Test
    void aLoggedInDeviceGetsWhereOnItsConnectionWithASerialOfItsOwn() {
        try (Gt06Harness harness = Gt06Harness.loggedIn()) {
            CompletionStage<CommandOutcome> first = harness.services.connectedDevices()
                    .send(Protocol.GT06, "864717003283581", DeviceCommand.LOCATE);
            CompletionStage<CommandOutcome> second = harness.services.connectedDevices()
                    .send(Protocol.GT06, "864717003283581", DeviceCommand.LOCATE);
            harness.channel.runPendingTasks();
            List<String> written = harness.send(new byte[0]);

            assertEquals(2, written.size());
            assertTrue(written.get(0).startsWith("787810800a00000000574845524523" + "0001"), written.get(0));
            assertTrue(written.get(1).startsWith("787810800a00000000574845524523" + "0002"), written.get(1));
            assertEquals(CommandOutcome.SENT, first.toCompletableFuture().join());
            assertEquals(CommandOutcome.SENT, second.toCompletableFuture().join());
        }
    }

    @Test
    void aDeviceThatHasNotLoggedInIsNotBound() {
        try (Gt06Harness harness = new Gt06Harness(io.onekey.device.session.DeviceAdmission.ADMIT_ALL)) {
            assertEquals(CommandOutcome.NOT_CONNECTED, harness.services.connectedDevices()
                    .send(Protocol.GT06, "864717003283581", DeviceCommand.LOCATE).toCompletableFuture().join());
        }
    }

    @Test
    void closingTheConnectionUnbindsTheDevice() {
        try (Gt06Harness harness = Gt06Harness.loggedIn()) {
            assertTrue(harness.services.connectedDevices().connected(Protocol.GT06, "864717003283581"));
            harness.channel.close();
            assertTrue(!harness.services.connectedDevices().connected(Protocol.GT06, "864717003283581"));
        }
    }
}
