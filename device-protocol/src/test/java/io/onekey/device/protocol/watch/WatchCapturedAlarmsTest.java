package io.onekey.device.protocol.watch;

import static io.onekey.device.event.AlarmKind.FALL;
import static io.onekey.device.event.AlarmKind.LOW_BATTERY;
import static io.onekey.device.event.AlarmKind.OTHER;
import static io.onekey.device.event.AlarmKind.SOS;
import static io.onekey.device.event.AlarmKind.TAMPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Position;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured watch frame whose content keyword starts with {@code AL} (AL, AL_LTE,
 * ALCUSTOMER1...), replayed: the alarms its status word must raise, each with its raw code,
 * and the position when the frame has a valid ({@code A}) fix. Each capture is its own case. A
 * status word naming no alarm still raises one, OTHER. A capture of an alarm keyword missing
 * from the table fails, so no capture goes unasserted.
 */
class WatchCapturedAlarmsTest {

    /** maker, device id, optional index, length field, then the content keyword. */
    private static final Pattern HEADER = Pattern.compile("^\\[(\\w+)\\*(\\w+)\\*(?:([0-9A-Fa-f]{4})\\*)?[0-9A-Fa-f]{4}\\*(\\w+),");

    /** One expected alarm: its kind and raw code (keyword, status word, the bit that raised it). */
    private record Raised(AlarmKind kind, String raw) {
    }

    /** @param fix latitude and longitude of the valid fix, empty when the frame has none */
    private record Expected(List<Raised> alarms, Optional<double[]> fix) {
    }

    private static Expected noFix(Raised... alarms) {
        return new Expected(List.of(alarms), Optional.empty());
    }

    private static Expected fix(double lat, double lon, Raised... alarms) {
        return new Expected(List.of(alarms), Optional.of(new double[] {lat, lon}));
    }

    private static Raised raised(AlarmKind kind, String raw) {
        return new Raised(kind, raw);
    }

    /** By line of vectors-watch.txt. */
    private static final Map<Integer, Expected> EXPECTED = Map.ofEntries(
            Map.entry(5, noFix(raised(SOS, "AL_LTE:00010000:bit16"))),             // SOS without a fix: still an SOS
            Map.entry(7, noFix(raised(OTHER, "AL:00000000"))),                     // status names no alarm
            Map.entry(9, noFix(raised(TAMPER, "AL:00100000:bit20"))),              // watch taken off; indexed frame
            Map.entry(14, noFix(raised(TAMPER, "ALCUSTOMER1:00100008:bit20"))),    // taken off; bit 3 is no alarm
            Map.entry(16, noFix(raised(SOS, "AL:00010000:bit16"))),
            Map.entry(21, fix(47.083950, 15.4821850, raised(FALL, "AL:00200010:bit21"))),  // bit 4 (motion) is no alarm
            Map.entry(25, noFix(raised(OTHER, "AL:00000000"))),
            Map.entry(36, fix(22.571707, 113.8613968, raised(LOW_BATTERY, "AL:0001:bit0"))), // 16-bit status word
            Map.entry(60, noFix(raised(OTHER, "AL:00000000"))));                   // real log, coordinates anonymised

    static Stream<CapturedFrame> alarmFrames() {
        return CapturedFrames.watchDeviceFrames().stream().filter(f -> {
            Matcher header = HEADER.matcher(f.text());
            return header.find() && header.group(4).startsWith("AL");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alarmFrames")
    void capturedAlarmFrameRaisesItsAlarms(CapturedFrame capture) {
        Expected expected = EXPECTED.get(capture.line());
        assertNotNull(expected, "no expectation for line " + capture.line() + ": every alarm frame is asserted");
        Matcher header = HEADER.matcher(capture.text());
        assertTrue(header.find());
        String deviceId = header.group(2);
        String index = header.group(3) == null ? "" : header.group(3) + "*";

        RecordingHandOff handOff = new RecordingHandOff();
        EmbeddedChannel channel = channel(handOff);
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(capture.bytes()));
            assertEquals(List.of("[" + header.group(1) + "*" + deviceId + "*" + index + "0002*AL]"), replies(channel),
                    "an alarm is answered AL, with the frame's index when it has one");
        } finally {
            channel.finishAndReleaseAll();
        }

        List<DeviceEvent> stored = handOff.stored();
        List<Alarm> alarms = stored.stream().filter(e -> e instanceof Alarm).map(e -> (Alarm) e).toList();
        assertEquals(expected.alarms(), alarms.stream().map(a -> new Raised(a.kind(), a.rawCode())).toList());
        for (Alarm alarm : alarms) {
            assertEquals(deviceId, alarm.deviceId());
            assertEquals(Protocol.WATCH, alarm.protocol());
            if (expected.fix().isPresent()) {
                Position position = alarm.position().orElseThrow(() -> new AssertionError("the frame has a valid fix"));
                assertEquals(expected.fix().get()[0], position.lat(), 1e-6);
                assertEquals(expected.fix().get()[1], position.lon(), 1e-6);
            } else {
                assertTrue(alarm.position().isEmpty(), "the frame has no valid fix");
            }
        }
        assertEquals(alarms.size() + 1, stored.size(), "the alarms and one heartbeat: " + stored);
        assertInstanceOf(Heartbeat.class, stored.get(stored.size() - 1), "the battery figure proves the watch alive");
    }

    private static EmbeddedChannel channel(RecordingHandOff handOff) {
        GatewayServices services = TestGateway.services(handOff, DeviceAdmission.ADMIT_ALL);
        GatewayMetrics metrics = new GatewayMetrics(services.registry(), Protocol.WATCH);
        return new EmbeddedChannel(
                new WatchFrameDecoder(16 * 1024),
                new WatchMessageDecoder(),
                new WatchReplyEncoder(),
                new WatchSessionHandler(new DeviceSession(Protocol.WATCH, services, metrics, DeviceSession.newLogGate(services))));
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
