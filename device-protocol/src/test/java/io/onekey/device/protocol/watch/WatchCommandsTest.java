package io.onekey.device.protocol.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import io.onekey.monitoring.MetricNames;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The server's commands to a watch: framed like the captured server commands, sent on the device's connection. */
class WatchCommandsTest {

    private static final Pattern PRINTABLE_COMMAND = Pattern.compile("\\[(\\w\\w)\\*(\\d+)\\*[0-9a-f]{4}\\*([\\x20-\\x5b\\x5e-\\x7e]+)]");

    private final RecordingHandOff handOff = new RecordingHandOff();
    private final GatewayServices services = TestGateway.services(handOff, DeviceAdmission.ADMIT_ALL);
    private final EmbeddedChannel channel = new EmbeddedChannel(new WatchFrameDecoder(4096), new WatchMessageDecoder(),
            new WatchReplyEncoder(), new WatchSessionHandler(new DeviceSession(Protocol.WATCH, services,
                    new GatewayMetrics(services.registry(), Protocol.WATCH), DeviceSession.newLogGate(services))));

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    /** The captured server-to-device commands written as plain text ({@code LZ}, {@code MESSAGE}). */
    static Stream<CapturedFrame> capturedServerCommands() {
        return CapturedFrames.load("vectors-watch.txt", f -> f.label().equals("WATCHENC")).stream()
                .filter(f -> PRINTABLE_COMMAND.matcher(f.text()).matches());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedServerCommands")
    void serverCommandsAreFramedByteForByteLikeTheCaptures(CapturedFrame capture) {
        Matcher m = PRINTABLE_COMMAND.matcher(capture.text());
        assertTrue(m.matches());
        WatchReply frame = new WatchReply(m.group(1), m.group(2), Optional.empty(), m.group(3));
        ByteBuf out = Unpooled.buffer();
        new WatchReplyEncoder().encode(null, frame, out);
        assertEquals(capture.text(), out.toString(StandardCharsets.ISO_8859_1));
        out.release();
    }

    @Test
    void thereAreCapturedServerCommandsToCompareWith() {
        assertTrue(capturedServerCommands().count() >= 4, "the LZ and MESSAGE captures");
    }

    @Test
    void locateIsCrAndRingIsFindInTheCapturedForm() {
        assertEquals("[CS*123456789012345*0002*CR]",
                WatchReplyEncoder.format(WatchCommands.frame(DeviceCommand.LOCATE, "CS", "123456789012345").orElseThrow()));
        assertEquals("[CS*123456789012345*0004*FIND]",
                WatchReplyEncoder.format(WatchCommands.frame(DeviceCommand.RING, "CS", "123456789012345").orElseThrow()));
    }

    @Test
    void aWatchIsBoundOnItsFirstFrameAndGetsTheCommandWithItsOwnMakerCode() {
        send("[SG*9059011020*0002*LK]");
        assertEquals("[SG*9059011020*0002*LK]", read());

        CompletionStage<CommandOutcome> outcome = services.connectedDevices().send(Protocol.WATCH, "9059011020", DeviceCommand.LOCATE);
        channel.runPendingTasks();

        assertEquals("[SG*9059011020*0002*CR]", read());
        assertEquals(CommandOutcome.SENT, outcome.toCompletableFuture().join());
    }

    @Test
    void aRefusedWatchIsNeverBound() {
        GatewayServices refusing = TestGateway.services(handOff, (protocol, id) -> DeviceAdmission.Verdict.REFUSED);
        EmbeddedChannel refused = new EmbeddedChannel(new WatchFrameDecoder(4096), new WatchMessageDecoder(),
                new WatchReplyEncoder(), new WatchSessionHandler(new DeviceSession(Protocol.WATCH, refusing,
                        new GatewayMetrics(refusing.registry(), Protocol.WATCH), DeviceSession.newLogGate(refusing))));
        refused.writeInbound(Unpooled.copiedBuffer("[SG*9059011020*0002*LK]", StandardCharsets.ISO_8859_1));
        assertFalse(refusing.connectedDevices().connected(Protocol.WATCH, "9059011020"));
        refused.finishAndReleaseAll();
    }

    @Test
    void closingTheConnectionUnbindsTheWatch() {
        send("[SG*9059011020*0002*LK]");
        read();
        channel.close();
        assertFalse(services.connectedDevices().connected(Protocol.WATCH, "9059011020"));
        assertEquals(0, services.connectedDevices().size());
    }

    @Test
    void theWatchsAcknowledgementsAreKnownUnansweredAndCarryNothing() {
        send("[3G*6907919734*0002*CR]");
        send("[3G*6907919734*0004*FIND]");

        assertNull(channel.readOutbound());
        assertTrue(handOff.stored().isEmpty());
        assertEquals(0, services.registry().find(MetricNames.GATEWAY_MESSAGES_UNKNOWN).counters().stream()
                .mapToDouble(c -> c.count()).sum());
    }

    @Test
    void theFreshPositionAfterCrFlowsAsALocation() {
        send("[SG*9059011020*0002*CR]");
        send("[SG*9059011020*006b*UD2,240123,162011,A,54.427621,N,6.409190,W,0.00,0,0,8,19,88,0,0,00000000,1,1,FFFF,FFFF,FFFE,3B882A2,132,,00]");
        assertEquals(1, handOff.stored().stream().filter(e -> e instanceof io.onekey.device.event.Location).count());
    }

    private void send(String frame) {
        channel.writeInbound(Unpooled.copiedBuffer(frame, StandardCharsets.ISO_8859_1));
    }

    private String read() {
        ByteBuf out = channel.readOutbound();
        if (out == null) {
            return null;
        }
        String text = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        return text;
    }
}
