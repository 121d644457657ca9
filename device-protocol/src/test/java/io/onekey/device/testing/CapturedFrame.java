package io.onekey.device.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a {@code vectors-*.txt} capture file: label, the source's assertion, what it
 * expected, the recomputed analysis, and the frame itself (ASCII, or hex for binary frames).
 */
public record CapturedFrame(int line, String label, String assertion, String expected, String analysis, byte[] bytes) {

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern REPLY = Pattern.compile("traccar(?:Reply|Ack)=(\\S+)");

    public static CapturedFrame parse(int line, String text) {
        String[] parts = text.split(" \\| ", -1);
        String frame = parts[parts.length - 1].trim();
        if (frame.startsWith("hex: ")) {
            frame = frame.substring(5).trim();
        }
        // DC-09 files show the framing LF and CR as the two-character escapes \n and \r.
        if (frame.startsWith("\\n") && frame.endsWith("\\r")) {
            frame = "\n" + frame.substring(2, frame.length() - 2) + "\r";
        }
        byte[] bytes = !frame.startsWith("[") && HEX.matcher(frame).matches()
                ? HexFormat.of().parseHex(frame) : frame.getBytes(StandardCharsets.ISO_8859_1);
        return new CapturedFrame(line, parts[0].trim(), part(parts, 1), part(parts, 2), part(parts, 3), bytes);
    }

    private static String part(String[] parts, int i) {
        return parts.length > i + 1 ? parts[i].trim() : "";
    }

    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The answer the reference receiver writes to this frame, where the analysis gives one. */
    public Optional<String> expectedReply() {
        Matcher m = REPLY.matcher(analysis);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A short name for test reports: label, line and the frame's start. */
    @Override
    public String toString() {
        String start = text().length() > 40 ? text().substring(0, 40) + "..." : text();
        return label + " line " + line + " " + start.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
