package io.onekey.device.protocol.gt06;

import static io.onekey.device.event.AlarmKind.LOW_BATTERY;
import static io.onekey.device.event.AlarmKind.OTHER;
import static io.onekey.device.event.AlarmKind.POWER_LOSS;
import static io.onekey.device.event.AlarmKind.SOS;
import static io.onekey.device.event.AlarmKind.TAMPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured GT06 frame of a type that carries an alarm or status byte, replayed after a
 * login: the alarms it must raise, each capture its own case. An empty list means none (a
 * heartbeat, and a location if the packet has a fix). A capture of such a type missing from the
 * table fails, so no capture goes unasserted.
 */
class Gt06CapturedAlarmsTest {

    /** The protocol numbers whose packets carry an alarm or status byte in some layout. */
    private static final Set<Integer> ALARM_CARRIERS = Set.of(0x13, 0x16, 0x19, 0x26, 0x27, 0x2C, 0x94, 0x95, 0xA4, 0xA5);

    /** @param otherRaw the start of the raw code of the OTHER alarm, if one is expected */
    private record Expected(int protocol, List<AlarmKind> kinds, String otherRaw) {
    }

    private static Expected of(int protocol, AlarmKind... kinds) {
        return new Expected(protocol, List.of(kinds), null);
    }

    private static Expected other(int protocol, String raw, AlarmKind... kinds) {
        return new Expected(protocol, List.of(kinds), raw);
    }

    /** By line of vectors-gt06.txt; the protocol number catches a file whose lines moved. */
    private static final Map<Integer, Expected> EXPECTED = Map.ofEntries(
            Map.entry(10, of(0xA4, TAMPER)),              // 4G alarm, alarm byte 0x13 (tampering)
            Map.entry(13, of(0x94)),                      // information: external voltage
            Map.entry(17, of(0x94)),
            Map.entry(22, of(0x94)),                      // information: network technology
            Map.entry(28, other(0x95, "GT06:event=0x69", OTHER)),               // JC400 event 0x69
            Map.entry(31, of(0x16, SOS)),                 // terminal info says SOS; cell block without length byte
            Map.entry(32, of(0x13)),                      // alarm byte 0x04 (geofence enter): the server's business
            Map.entry(33, of(0x94)),                      // information: status text
            Map.entry(35, of(0x19, LOW_BATTERY)),
            Map.entry(36, of(0xA4, LOW_BATTERY)),         // 4G alarm, alarm byte 0x19
            Map.entry(38, of(0x13)),                      // 14-byte status variant, no alarm
            Map.entry(39, of(0x26, TAMPER)),              // alarm byte 0x0C (tampering)
            Map.entry(40, of(0x94)),                      // information: door status
            Map.entry(41, of(0x94)),
            Map.entry(45, other(0x19, "GT06:0x19:", OTHER)),               // an 18-byte layout of no known model: raw bytes
            Map.entry(54, of(0x26, TAMPER)),              // vibration, in terminal info and alarm byte
            Map.entry(55, of(0x16, TAMPER)),              // empty cell block padded to 45 bytes; pendant removed
            Map.entry(56, of(0x94)),
            Map.entry(58, other(0x95, "GT06:event=0x01", OTHER)),               // short JC100 alarm: general
            Map.entry(63, of(0x16, TAMPER)),              // pendant removed
            Map.entry(65, of(0x94)),
            Map.entry(67, of(0x94)),
            Map.entry(68, of(0x19, SOS)),
            Map.entry(69, of(0x94)),
            Map.entry(72, other(0xA4, "GT06:alarm=0x11", OTHER)),               // 4G alarm, alarm byte 0x11 (power off)
            Map.entry(74, of(0x27, TAMPER)),              // alarm byte 0x0C, then the geofence byte
            Map.entry(77, of(0xA5)),                      // 4G LBS alarm packet without an alarm
            Map.entry(88, of(0x2C)),                      // LBS + Wi-Fi
            Map.entry(89, of(0x2C)),
            Map.entry(98, of(0x13)),
            Map.entry(100, of(0x94)),
            Map.entry(101, of(0x94)),
            Map.entry(103, of(0x94)),
            Map.entry(104, of(0x94)),
            Map.entry(105, of(0x94)),
            Map.entry(106, of(0x94)),
            Map.entry(108, of(0x16, POWER_LOSS)),
            Map.entry(114, of(0x13)),
            Map.entry(115, of(0x16, TAMPER)),
            Map.entry(119, of(0x16)),
            Map.entry(127, of(0x16)),                     // alarm byte 0x06 (overspeed): the server's business
            Map.entry(131, other(0x95, "GT06:event=0x90", OTHER)),              // acceleration
            Map.entry(132, other(0x95, "GT06:event=0x91", OTHER)),              // braking
            Map.entry(133, of(0x95, SOS)),                // extended JC100 alarm 0x01
            Map.entry(134, other(0x95, "GT06:event=0x93", OTHER)),              // accident
            Map.entry(135, other(0x13, "GT06:alarm=0xF0", POWER_LOSS, OTHER)),  // LW4G: terminal info says power cut; 0xF0 unknown
            Map.entry(136, of(0x16, LOW_BATTERY)),        // 0x19 (an LW4G model means acceleration by it)
            Map.entry(137, other(0x13, "GT06:alarm=0x0B", OTHER)),              // SEEWORLD: 0x0B where the alarm byte is
            Map.entry(138, of(0x13)),
            Map.entry(141, other(0x16, "GT06:alarm=0x30", OTHER)),              // 0x30
            Map.entry(149, other(0x16, "GT06:alarm=0xE8", OTHER)),              // VL103: event 0xE8, then an 8-byte RFID
            Map.entry(150, other(0x16, "GT06:alarm=0xEA", OTHER)),              // VL103: event 0xEA
            Map.entry(157, of(0x16, TAMPER)),
            Map.entry(160, of(0x13)));

    static Stream<CapturedFrame> alarmCarriers() {
        return CapturedFrames.gt06Frames().stream().filter(f -> ALARM_CARRIERS.contains(protocolOf(f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alarmCarriers")
    void capturedPacketRaisesItsAlarms(CapturedFrame capture) {
        Expected expected = EXPECTED.get(capture.line());
        assertNotNull(expected, "no expectation for line " + capture.line() + ": every alarm carrier is asserted");
        assertEquals(expected.protocol(), protocolOf(capture), "the vectors file changed: line " + capture.line());
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            List<String> answers = gt06.send(capture.bytes());
            assertEquals(extended(capture) ? 0 : 1, answers.size(), "78 78 packets are answered, 79 79 ones are not");
            assertEquals(expected.kinds(), gt06.alarms().stream().map(Alarm::kind).toList());
            if (expected.otherRaw() != null) {
                String raw = gt06.alarms().stream().filter(a -> a.kind() == OTHER).findFirst().orElseThrow().rawCode();
                assertTrue(raw.startsWith(expected.otherRaw()), raw);
            }
            List<DeviceEvent> stored = gt06.handOff.stored();
            assertInstanceOf(Heartbeat.class, stored.get(stored.size() - 1), "every packet proves the device alive");
            gt06.alarms().forEach(a -> assertEquals("864717003283581", a.deviceId()));
        }
    }

    @Test
    void theUnknownLayoutOfTheCapturedMultiCellPacketIsRaisedWithItsRawBytes() {
        CapturedFrame capture = CapturedFrames.gt06Frames().stream().filter(f -> f.line() == 45).findFirst().orElseThrow();
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            gt06.send(capture.bytes());
            assertEquals("GT06:0x19:15061810051a01f90101700d08c8f50c0000", gt06.alarms().get(0).rawCode());
        }
    }

    @Test
    void anAlarmPacketOfAnUnknownLayoutIsAnOtherAlarmNotAHeartbeat() {
        // The captured 4G tamper alarm with one byte more than any known layout has.
        byte[] payload = payloadOf(CapturedFrames.gt06Frames().stream().filter(f -> f.line() == 10).findFirst().orElseThrow());
        byte[] longer = Arrays.copyOf(payload, payload.length + 1);
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            assertEquals(List.of("787805a4000963fe0d0a"), gt06.send(Gt06Harness.frame(0xA4, longer, 9)));
            Alarm alarm = gt06.alarms().get(0);
            assertEquals(OTHER, alarm.kind());
            assertEquals("GT06:0xA4:" + HexFormat.of().formatHex(longer), alarm.rawCode());
            assertTrue(alarm.position().isPresent(), "the GPS block leads every layout of the packet");
        }
    }

    @Test
    void anLbsAndWifiPacketWhoseLengthsDoNotAddUpIsAnOtherAlarm() {
        // A 0x2C carrying a GPS, cell and status block (as some firmware uses it), not LBS + Wi-Fi.
        byte[] payload = payloadOf(CapturedFrames.gt06Frames().stream().filter(f -> f.line() == 10).findFirst().orElseThrow());
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            gt06.send(Gt06Harness.frame(0x2C, payload, 9));
            assertEquals(List.of(OTHER), gt06.alarms().stream().map(Alarm::kind).toList());
            assertTrue(gt06.alarms().get(0).rawCode().startsWith("GT06:0x2C:1a0509"));
        }
    }

    private static boolean extended(CapturedFrame f) {
        return (f.bytes()[0] & 0xFF) == 0x79;
    }

    private static int protocolOf(CapturedFrame f) {
        return f.bytes()[extended(f) ? 4 : 3] & 0xFF;
    }

    /** The bytes between the protocol number and the serial. */
    private static byte[] payloadOf(CapturedFrame f) {
        int start = extended(f) ? 5 : 4;
        return Arrays.copyOfRange(f.bytes(), start, f.bytes().length - 6);
    }
}
