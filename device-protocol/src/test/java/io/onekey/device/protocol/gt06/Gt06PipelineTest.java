package io.onekey.device.protocol.gt06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import io.onekey.device.event.Protocol;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.session.InvalidFrame;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Gt06PipelineTest {

    /** A captured login (IMEI 864717003283581, serial 0x0009) that every session starts with. */
    static final String LOGIN = captured("78780d010864717003283581");

    private final RecordingHandOff handOff = new RecordingHandOff();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private List<String> admitted = new ArrayList<>();

    @AfterEach
    void release() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    static Stream<CapturedFrame> framesWithReferenceAnswer() {
        return CapturedFrames.gt06Frames().stream().filter(f -> f.expectedReply().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framesWithReferenceAnswer")
    void capturedPacketGetsTheAnswerDevicesExpect(CapturedFrame capture) {
        EmbeddedChannel channel = loggedIn();
        List<String> answers = send(channel, capture.bytes());
        assertEquals(List.of(capture.expectedReply().orElseThrow().toLowerCase(Locale.ROOT)), answers);
    }

    @Test
    void loginBindsTheImeiAndIsAnswered() {
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        assertEquals(List.of("78780501000955940d0a"), send(channel, hex(LOGIN)));
        assertEquals(List.of("864717003283581"), admitted);
    }

    @Test
    void heartbeatIsAnsweredExactlyAsInTheRealExchange() {
        EmbeddedChannel channel = loggedIn();
        assertEquals(List.of("7878051305ecaba20d0a"), send(channel, hex("78780a13000604000205ec57f70d0a")));
        Heartbeat heartbeat = assertInstanceOf(Heartbeat.class, handOff.stored().get(0));
        assertEquals(100, heartbeat.batteryPercent().getAsInt(), "voltage level 6 of 6");
        assertEquals(4, heartbeat.signal().getAsInt());
    }

    @Test
    void capturedSosAlarmBecomesAnSosWithItsPosition() {
        EmbeddedChannel channel = loggedIn();
        send(channel, hex("7878241617070a150e24ca01fba0040780e177005c0001720253360027db6204e40400004bf1e90d0a"));
        Alarm alarm = alarms().get(0);
        assertEquals(AlarmKind.SOS, alarm.kind());
        assertEquals("864717003283581", alarm.deviceId());
        assertEquals(Protocol.GT06, alarm.protocol());
        assertEquals(18.482065, alarm.position().orElseThrow().lat(), 1e-5);
        assertEquals(-69.937133, alarm.position().orElseThrow().lon(), 1e-5);
    }

    @Test
    void capturedPendantRemovalBecomesATamperAlarm() {
        EmbeddedChannel channel = loggedIn();
        send(channel, hex(captured("7878251613020c12141ac5027951430c2a16f6")));
        assertEquals(AlarmKind.TAMPER, alarms().get(0).kind());
    }

    @Test
    void alarmByteAndTerminalInfoAreBothDecoded() {
        List<Gt06Alarms.Found> found = Gt06Alarms.decode(0x20, 0x23);
        assertEquals(List.of(AlarmKind.SOS, AlarmKind.FALL), found.stream().map(Gt06Alarms.Found::kind).toList());
    }

    @Test
    void locationPacketGivesALocation() {
        EmbeddedChannel channel = loggedIn();
        send(channel, hex(captured("78781f12110819110216d402f25034")));
        Location location = (Location) handOff.stored().stream().filter(e -> e instanceof Location).findFirst().orElseThrow();
        assertTrue(location.position().lat() > 0);
    }

    @Test
    void packetBeforeLoginClosesTheConnection() {
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        send(channel, hex("78780a13000604000205ec57f70d0a"));
        assertFalse(channel.isActive());
        assertTrue(handOff.stored().isEmpty());
    }

    @Test
    void unregisteredDeviceIsDisconnectedAtLogin() {
        EmbeddedChannel channel = channel((p, id) -> DeviceAdmission.Verdict.REFUSED);
        assertEquals(List.of(), send(channel, hex(LOGIN)));
        assertFalse(channel.isActive());
    }

    @Test
    void badCrcIsToleratedAndCounted() {
        EmbeddedChannel channel = loggedIn();
        // A captured low-battery packet whose CRC the device computed wrongly.
        assertEquals(List.of("787805190056bcb10d0a"), send(channel, hex("78781219012ed042cc00954d00040419000056fe290d0a")));
        assertEquals(AlarmKind.LOW_BATTERY, alarms().get(0).kind());
    }

    static Stream<CapturedFrame> allFrames() {
        return CapturedFrames.gt06Frames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFrames")
    void everyCapturedFrameIsCutWholeOrReportedAsBadFraming(CapturedFrame capture) {
        EmbeddedChannel channel = new EmbeddedChannel(new Gt06FrameDecoder(4096));
        channel.writeInbound(Unpooled.wrappedBuffer(capture.bytes()));
        Object out = channel.readInbound();
        if (capture.analysis().contains("len-mismatch")) {
            // Model variants whose length byte does not match the standard layout: whatever is
            // cut must be a whole, terminated frame; the rest is reported or awaited, never thrown.
            for (; out != null; out = channel.readInbound()) {
                if (out instanceof ByteBuf frame) {
                    assertEquals(0x0D0A, frame.getUnsignedShort(frame.writerIndex() - 2));
                    frame.release();
                } else {
                    assertInstanceOf(InvalidFrame.class, out);
                }
            }
        } else {
            ByteBuf frame = assertInstanceOf(ByteBuf.class, out);
            assertEquals(HexFormat.of().formatHex(capture.bytes()), ByteBufUtil.hexDump(frame));
            frame.release();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void aValidFrameAfterGarbageStillDecodes() {
        EmbeddedChannel channel = new EmbeddedChannel(new Gt06FrameDecoder(4096));
        channel.writeInbound(Unpooled.wrappedBuffer(hex("0102037878ff00" + "78780a13000604000205ec57f70d0a")));
        List<Object> out = new ArrayList<>();
        Object next;
        while ((next = channel.readInbound()) != null) {
            out.add(next);
        }
        ByteBuf frame = (ByteBuf) out.get(out.size() - 1);
        assertEquals("78780a13000604000205ec57f70d0a", ByteBufUtil.hexDump(frame));
        frame.release();
        channel.finishAndReleaseAll();
    }

    private EmbeddedChannel loggedIn() {
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        send(channel, hex(LOGIN));
        return channel;
    }

    private EmbeddedChannel channel(DeviceAdmission admission) {
        DeviceAdmission recording = (protocol, id) -> {
            admitted.add(id);
            return admission.admit(protocol, id);
        };
        GatewayServices services = TestGateway.services(handOff, recording);
        EmbeddedChannel channel = new EmbeddedChannel(
                new Gt06FrameDecoder(4096),
                new Gt06MessageDecoder(),
                new Gt06AnswerEncoder(),
                new Gt06SessionHandler(new DeviceSession(Protocol.GT06, services,
                        new GatewayMetrics(services.registry(), Protocol.GT06), DeviceSession.newLogGate(services))));
        channels.add(channel);
        return channel;
    }

    private static List<String> send(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<String> answers = new ArrayList<>();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            answers.add(ByteBufUtil.hexDump(out));
            out.release();
        }
        return answers;
    }

    private List<Alarm> alarms() {
        List<Alarm> alarms = new ArrayList<>();
        for (DeviceEvent e : handOff.stored()) {
            if (e instanceof Alarm a) {
                alarms.add(a);
            }
        }
        return alarms;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The captured frame that starts with these bytes. */
    private static String captured(String prefix) {
        return CapturedFrames.gt06Frames().stream().map(f -> HexFormat.of().formatHex(f.bytes()))
                .filter(h -> h.startsWith(prefix)).findFirst().orElseThrow();
    }
}
