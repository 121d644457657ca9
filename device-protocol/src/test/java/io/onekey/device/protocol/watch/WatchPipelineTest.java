package io.onekey.device.protocol.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WatchPipelineTest {

    private final RecordingHandOff handOff = new RecordingHandOff();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void releaseWhatTheTestDidNotRead() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    static Stream<CapturedFrame> framesWithReferenceReply() {
        return CapturedFrames.watchDeviceFrames().stream().filter(f -> f.expectedReply().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framesWithReferenceReply")
    void capturedFrameGetsTheAnswerDevicesExpect(CapturedFrame capture) {
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        channel.writeInbound(Unpooled.wrappedBuffer(capture.bytes()));
        List<String> replies = replies(channel);
        assertEquals(List.of(capture.expectedReply().orElseThrow()), replies.subList(0, 1));
    }

    @Test
    void sosWithoutFixIsAnAlarmAndIsAnsweredAfterItIsStored() {
        CapturedFrame sos = CapturedFrames.watchSos();
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        channel.writeInbound(Unpooled.wrappedBuffer(sos.bytes()));

        assertEquals(List.of("[3G*6907919734*0002*AL]"), replies(channel));
        Alarm alarm = alarms().get(0);
        assertEquals(AlarmKind.SOS, alarm.kind());
        assertEquals("6907919734", alarm.deviceId());
        assertEquals(Protocol.WATCH, alarm.protocol());
        assertTrue(alarm.position().isEmpty(), "the frame has no valid fix");
    }

    @Test
    void sosAndLowBatteryInOneStatusWordGiveBothAlarms() {
        String frame = CapturedFrames.watchSos().text().replace(",00010000,", ",00010001,");
        channel(DeviceAdmission.ADMIT_ALL).writeInbound(Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(List.of(AlarmKind.SOS, AlarmKind.LOW_BATTERY), alarms().stream().map(Alarm::kind).toList());
    }

    @Test
    void alarmFrameWithAValidFixCarriesThePosition() {
        CapturedFrame fall = CapturedFrames.watchDeviceFrames().stream()
                .filter(f -> f.analysis().contains("'fallDown'")).findFirst().orElseThrow();
        channel(DeviceAdmission.ADMIT_ALL).writeInbound(Unpooled.wrappedBuffer(fall.bytes()));
        Alarm alarm = alarms().get(0);
        assertEquals(AlarmKind.FALL, alarm.kind());
        assertEquals(47.083950, alarm.position().orElseThrow().lat(), 1e-6);
        assertEquals(15.4821850, alarm.position().orElseThrow().lon(), 1e-6);
    }

    @Test
    void heartbeatIsStoredWithBatteryAndAnswered() {
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        channel.writeInbound(Unpooled.wrappedBuffer("[3G*4700186508*000B*LK,0,0,84]".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(List.of("[3G*4700186508*0002*LK]"), replies(channel));
        Heartbeat heartbeat = assertInstanceOf(Heartbeat.class, handOff.stored().get(0));
        assertEquals(84, heartbeat.batteryPercent().getAsInt());
    }

    @Test
    void unregisteredDeviceProducesNothingAndIsDisconnected() {
        EmbeddedChannel channel = channel((protocol, id) -> DeviceAdmission.Verdict.REFUSED);
        channel.writeInbound(Unpooled.wrappedBuffer(CapturedFrames.watchSos().bytes()));
        assertTrue(handOff.stored().isEmpty());
        assertNull(channel.readOutbound());
        assertFalse(channel.isActive());
    }

    @Test
    void deviceIsNotAnsweredWhenTheEventCouldNotBeStored() {
        handOff.refuse();
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        channel.writeInbound(Unpooled.wrappedBuffer(CapturedFrames.watchSos().bytes()));
        assertNull(channel.readOutbound(), "no answer: the device must retransmit");
        assertTrue(channel.isActive());
    }

    @Test
    void aRunOfInvalidFramesClosesTheConnection() {
        EmbeddedChannel channel = channel(DeviceAdmission.ADMIT_ALL);
        for (int i = 0; i < 9; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer("[not a frame]".getBytes(StandardCharsets.ISO_8859_1)));
        }
        assertTrue(channel.isActive());
        channel.writeInbound(Unpooled.wrappedBuffer("[not a frame]".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(channel.isActive());
    }

    private EmbeddedChannel channel(DeviceAdmission admission) {
        GatewayServices services = TestGateway.services(handOff, admission);
        GatewayMetrics metrics = new GatewayMetrics(services.registry(), Protocol.WATCH);
        EmbeddedChannel channel = new EmbeddedChannel(
                new WatchFrameDecoder(16 * 1024),
                new WatchMessageDecoder(),
                new WatchReplyEncoder(),
                new WatchSessionHandler(new DeviceSession(Protocol.WATCH, services, metrics, DeviceSession.newLogGate(services))));
        channels.add(channel);
        return channel;
    }

    private List<Alarm> alarms() {
        List<Alarm> alarms = new ArrayList<>();
        for (DeviceEvent event : handOff.stored()) {
            if (event instanceof Alarm alarm) {
                alarms.add(alarm);
            }
        }
        return alarms;
    }

    private static List<String> replies(EmbeddedChannel channel) {
        List<String> replies = new ArrayList<>();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            replies.add(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return replies;
    }
}
