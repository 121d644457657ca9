package io.onekey.device.protocol.gt06;

import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a GT06 string packet, and the fix in it when it answers a locate command
 * ({@code WHERE#}): {@code Current position!Lat:N54.739332,Lon:E25.273270,Course:126.53,
 * Speed:0.0000,DateTime:2017-05-26 10:27:47}.
 *
 * <p>The layouts, both seen in the captured frames:
 * <ul>
 *   <li>0x15 (78 78): command length (flag and text), the 4-byte server flag, the text, then a
 *       2-byte language. Some models write a command length of 0: the text then runs to the
 *       language, padded with NULs, which are dropped;</li>
 *   <li>0x21 (79 79): the 4-byte server flag, an encoding byte (1 ASCII, 2 UTF-16BE), the text.</li>
 * </ul>
 * The date and time are read as UTC, like the GPS packets' own; a text without them is a fix
 * taken when it arrived. A text without both Lat and Lon carries no fix.
 */
public final class Gt06TextPosition {

    private static final double GPS_ACCURACY_METERS = 15;
    private static final Pattern LAT_LON = Pattern.compile(
            "Lat:\\s*([NS])\\s*(\\d{1,2}(?:\\.\\d+)?)\\s*,\\s*Lon:\\s*([EW])\\s*(\\d{1,3}(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_TIME = Pattern.compile("DateTime:\\s*(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2}:\\d{2})");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int FLAG = 4;
    private static final int LANGUAGE = 2;

    private Gt06TextPosition() {
    }

    /** The packet's text; empty for a packet that is not a string packet or is too short for one. */
    public static Optional<String> text(Gt06Packet packet) {
        byte[] p = packet.payload();
        if (packet.type() == Gt06MessageType.STRING_INFO && p.length > 1 + FLAG) {
            int declared = packet.unsigned(0) - FLAG;
            int end = declared > 0 && 1 + FLAG + declared <= p.length ? 1 + FLAG + declared : Math.max(1 + FLAG, p.length - LANGUAGE);
            return Optional.of(clean(new String(Arrays.copyOfRange(p, 1 + FLAG, end), StandardCharsets.ISO_8859_1)));
        }
        if (packet.type() == Gt06MessageType.STRING_INFO_EXTENDED && p.length > FLAG + 1) {
            Charset charset = packet.unsigned(FLAG) == 2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1;
            return Optional.of(clean(new String(Arrays.copyOfRange(p, FLAG + 1, p.length), charset)));
        }
        return Optional.empty();
    }

    /** The fix the packet's text reports, if it reports one. */
    public static Optional<Position> of(Gt06Packet packet, Instant receivedAt) {
        return text(packet).flatMap(text -> parse(text, receivedAt));
    }

    static Optional<Position> parse(String text, Instant receivedAt) {
        Matcher m = LAT_LON.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        double lat = Double.parseDouble(m.group(2)) * (m.group(1).equalsIgnoreCase("S") ? -1 : 1);
        double lon = Double.parseDouble(m.group(4)) * (m.group(3).equalsIgnoreCase("W") ? -1 : 1);
        if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat == 0 && lon == 0)) {
            return Optional.empty();
        }
        return Optional.of(new Position(lat, lon, GPS_ACCURACY_METERS, fixTime(text).orElse(receivedAt), PositionSource.GPS));
    }

    private static Optional<Instant> fixTime(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1) + " " + m.group(2), FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Without NUL padding and other control characters, which some models append. */
    private static String clean(String text) {
        return text.replaceAll("\\p{Cntrl}", "").trim();
    }
}
