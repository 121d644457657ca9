package io.onekey.device.protocol.dc09;

import static io.onekey.device.event.AlarmKind.FIRE;
import static io.onekey.device.event.AlarmKind.OTHER;
import static io.onekey.device.event.AlarmKind.TEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured DC-09 message the receiver accepts, replayed at its own timestamp: the events
 * it must produce, each capture its own case. An alarm per event code, of the kind
 * {@link Dc09CodeTable} gives it, with its raw code; a heartbeat for a NULL message, a report
 * or a restore. An accepted capture missing from the table fails, so none goes unasserted.
 * No capture carries {@code [X…][Y…]} blocks, so no alarm has a position.
 */
class Dc09CapturedEventsTest {

    /** One expected alarm: its kind and raw code. */
    private record Raised(AlarmKind kind, String raw) {
    }

    /** @param account the account the events must carry; alarms empty means a heartbeat */
    private record Expected(String account, List<Raised> alarms) {
    }

    private static Expected heartbeat(String account) {
        return new Expected(account, List.of());
    }

    private static Expected alarm(String account, AlarmKind kind, String raw) {
        return new Expected(account, List.of(new Raised(kind, raw)));
    }

    /** By line of vectors-dc09.txt. */
    private static final Map<Integer, Expected> EXPECTED = Map.ofEntries(
            Map.entry(9, heartbeat("AAA")),                           // CL closing report, with an M block
            Map.entry(10, alarm("1111", TEST, "SIA:RP000")),          // RP automatic test, with a K block
            Map.entry(13, heartbeat("AAA")),                          // CL closing report
            Map.entry(17, heartbeat("7890")),                         // NULL with a Contact ID style body
            Map.entry(22, alarm("AAA", OTHER, "SIA:XC12")),           // XC: in no table, raised with its code
            Map.entry(29, alarm("12345A", FIRE, "SIA:FA129")),        // spec example: FA fire alarm, zone 129
            Map.entry(30, alarm("12345A", FIRE, "CID:1110 00 129")),  // spec example: new event 110 fire
            Map.entry(32, heartbeat("1234")),                         // RR (power up) report, then text
            Map.entry(33, heartbeat("1234")),                         // empty data
            Map.entry(35, alarm("0123", TEST, "SIA:RP99")),           // ti modifier, then RP automatic test
            Map.entry(39, heartbeat("AAAB")));                        // encrypted NULL, decrypted

    static Stream<CapturedFrame> acceptedMessages() {
        return CapturedFrames.dc09Messages().stream()
                .filter(m -> !Dc09CapturedMessagesTest.expectedAnswer(m).equals("\"NAK\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedMessages")
    void capturedMessageProducesItsEvents(CapturedFrame capture) {
        Expected expected = EXPECTED.get(capture.line());
        assertNotNull(expected, "no expectation for line " + capture.line() + ": every accepted message is asserted");
        try (Dc09Harness harness = new Dc09Harness(Dc09CapturedMessagesTest.clockFor(capture))) {
            List<String> answers = harness.send(capture.bytes());
            assertEquals(1, answers.size(), "exactly one answer");
            assertTrue(Dc09Harness.body(answers.get(0)).matches("\"\\*?ACK\".*"), answers.get(0));
            List<DeviceEvent> stored = harness.handOff.stored();
            stored.forEach(e -> {
                assertEquals(expected.account(), e.deviceId());
                assertEquals(Protocol.DC09, e.protocol());
            });
            if (expected.alarms().isEmpty()) {
                assertEquals(1, stored.size(), "one heartbeat: " + stored);
                assertInstanceOf(Heartbeat.class, stored.get(0), "the panel is alive, nothing to raise");
                return;
            }
            List<Raised> raised = stored.stream()
                    .map(e -> assertInstanceOf(Alarm.class, e, "an event code raises alarms only"))
                    .map(a -> new Raised(a.kind(), a.rawCode()))
                    .toList();
            assertEquals(expected.alarms(), raised);
            stored.forEach(a -> assertTrue(((Alarm) a).position().isEmpty(), "the capture has no [X][Y] blocks"));
        }
    }
}
