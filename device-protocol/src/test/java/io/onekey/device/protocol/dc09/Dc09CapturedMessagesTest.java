package io.onekey.device.protocol.dc09;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.device.testing.TestGateway;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured DC-09 message gets the answer our decisions promise: ACK (or encrypted ACK)
 * when it checks out, NAK when the CRC is wrong, the frame is not DC-09, or it cannot be
 * decrypted. The receiver's clock is set to each message's own timestamp so that the
 * timestamp window, tested on its own elsewhere, does not hide the other checks.
 */
class Dc09CapturedMessagesTest {

    private static final Pattern TIMESTAMP = Pattern.compile("_(\\d\\d:\\d\\d:\\d\\d,\\d\\d-\\d\\d-\\d{4})");

    static Stream<CapturedFrame> messages() {
        return CapturedFrames.dc09Messages().stream();
    }

    static Stream<CapturedFrame> computedAnswers() {
        return CapturedFrames.dc09ComputedAnswers().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void capturedMessageGetsTheDocumentedAnswer(CapturedFrame capture) {
        try (Dc09Harness harness = new Dc09Harness(clockFor(capture))) {
            List<String> answers = harness.send(capture.bytes());
            assertEquals(1, answers.size(), "exactly one answer");
            String answer = Dc09Harness.body(answers.get(0));
            String expected = expectedAnswer(capture);
            assertTrue(answer.startsWith(expected), "expected " + expected + " but was " + answer);
            if (expected.equals("\"NAK\"")) {
                assertTrue(harness.handOff.stored().isEmpty(), "a refused message produces no event");
            } else {
                assertTrue(!harness.handOff.stored().isEmpty(), "an accepted message produces at least one event");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("computedAnswers")
    void ourAnswersAreByteForByteTheComputedOnes(CapturedFrame computed) {
        String body = computed.text().substring(8);
        Dc09Answer answer = switch (body.substring(1, 4)) {
            case "ACK" -> answerFor(body, Dc09Answer.Kind.ACK);
            case "DUH" -> answerFor(body, Dc09Answer.Kind.DUH);
            default -> Dc09Answer.nak(Instant.parse("2025-09-24T16:20:01Z"));
        };
        assertEquals("\n" + computed.text() + "\r", Dc09AnswerEncoder.format(answer));
    }

    /** Rebuilds the answer's fields from its text, so that only the encoder is under test. */
    private static Dc09Answer answerFor(String body, Dc09Answer.Kind kind) {
        Matcher m = Pattern.compile("\"[A-Z]{3}\"(\\d{4})(R[0-9A-F]+)(L[0-9A-F]+)(#[0-9A-Z]+)\\[\\]").matcher(body);
        assertTrue(m.matches(), body);
        return new Dc09Answer(kind, m.group(1), m.group(2), m.group(3), m.group(4), java.util.Optional.empty(), Instant.EPOCH);
    }

    static String expectedAnswer(CapturedFrame capture) {
        String label = capture.label();
        String check = capture.analysis();
        if (check.contains("crc16arc=BAD") || label.contains("case_dc04") || label.contains("case_oh")
                || label.contains("parse_nak_test")) {
            return "\"NAK\"";
        }
        if (capture.text().contains("\"*")) {
            // Only the NULL message whose key the source published decrypts; the wrong-IV
            // sender's message and those encrypted with unknown keys are refused.
            return label.contains("decrypt case_null") ? "\"*ACK\"" : "\"NAK\"";
        }
        return "\"ACK\"";
    }

    static Instant clockFor(CapturedFrame capture) {
        // An encrypted message's timestamp is inside the ciphertext; the source states it.
        Matcher m = TIMESTAMP.matcher(capture.text().contains("\"*") ? capture.expected() : capture.text());
        return m.find() ? Dc09Timestamps.parse("_" + m.group(1)).orElse(TestGateway.NOW) : TestGateway.NOW;
    }
}
