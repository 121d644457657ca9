package io.onekey.device.protocol.dc09;

import io.onekey.device.session.InvalidFrame;
import io.onekey.device.protocol.Checksums;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and parses one DC-09 message (CRC, length, header, decryption, data, extended blocks,
 * timestamp). Decisions on defects seen in real traffic:
 * <ul>
 *   <li>bad CRC: NAK (the panel retransmits; the CRC is the message's integrity check);</li>
 *   <li>length field wrong, or written in decimal, with a good CRC: accepted and counted
 *       ({@code length-mismatch}, {@code length-decimal}): the length is redundant once the CRC
 *       holds, and a panel that miscounts would otherwise never get an alarm through;</li>
 *   <li>a literal {@code <x0A>} prefix or a missing LF: tolerated;</li>
 *   <li>the CRC sent as two binary bytes: accepted when it matches;</li>
 *   <li>a ciphertext that does not decrypt to a valid plaintext with the account's key and a
 *       zero IV (wrong key, or a sender using another IV): NAK.</li>
 * </ul>
 */
public final class Dc09Parser {

    public static final Set<String> SUPPORTED_TOKENS = Set.of("SIA-DCS", "ADM-CID", "NULL");

    private static final Pattern HEADER = Pattern.compile(
            "\"(\\*?)([A-Z0-9][A-Z0-9-]{1,15})\"(\\d{4})(R[0-9A-Fa-f]{1,6})?(L[0-9A-Fa-f]{1,6})?(#[0-9A-Za-z]{1,16})?\\[");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern BLOCK = Pattern.compile("\\[([^\\[\\]]*)\\]");

    /** What came of a message: the message and the defects that were tolerated, or a refusal. */
    public sealed interface Result permits Parsed, Refused {
    }

    public record Parsed(Dc09Message message, List<String> tolerated) implements Result {
    }

    public record Refused(Dc09Refusal refusal) implements Result {
    }

    private final Dc09Keys.Lookup keys;

    public Dc09Parser(Dc09Keys.Lookup keys) {
        this.keys = keys;
    }

    public Result parse(String raw, Instant now) {
        String s = trimFraming(raw);
        List<String> tolerated = new ArrayList<>(1);
        int bodyStart;
        int sentCrc;
        String lengthField;
        if (s.length() >= 9 && HEX.matcher(s.substring(0, 8)).matches() && s.charAt(8) == '"') {
            sentCrc = Integer.parseInt(s.substring(0, 4), 16);
            lengthField = s.substring(4, 8);
            bodyStart = 8;
        } else if (s.length() >= 7 && HEX.matcher(s.substring(2, 6)).matches() && s.charAt(6) == '"') {
            sentCrc = ((s.charAt(0) & 0xFF) << 8) | (s.charAt(1) & 0xFF);
            lengthField = s.substring(2, 6);
            bodyStart = 6;
            tolerated.add("binary-crc");
        } else {
            return new Refused(new Dc09Refusal(new InvalidFrame("bad-frame", "not CRC + length + \"ID\""),
                    Dc09Answer.nak(now), false));
        }
        String body = s.substring(bodyStart);
        byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
        int crc = Checksums.crc16Arc(bodyBytes);
        if (crc != sentCrc) {
            return refuse("bad-crc", String.format("sent %04X, computed %04X", sentCrc, crc), now);
        }
        checkLength(lengthField, bodyBytes.length, tolerated);
        Matcher header = HEADER.matcher(body);
        if (!header.lookingAt()) {
            return refuse("bad-header", "header does not parse", now);
        }
        return parseContent(header, body.substring(header.end()), tolerated, now);
    }

    private Result parseContent(Matcher header, String afterBracket, List<String> tolerated, Instant now) {
        boolean encrypted = !header.group(1).isEmpty();
        String token = header.group(2);
        String sequence = header.group(3);
        Optional<String> receiver = Optional.ofNullable(header.group(4));
        Optional<String> prefix = Optional.ofNullable(header.group(5));
        Optional<String> headerAccount = Optional.ofNullable(header.group(6)).map(a -> a.substring(1));
        String content = afterBracket;
        if (encrypted) {
            Optional<String> plain = decrypt(headerAccount, afterBracket);
            if (plain.isEmpty()) {
                return refuse("decrypt-failed", "no key for the account, or the content does not decrypt", now);
            }
            content = plain.get();
        }
        int close = content.indexOf(']');
        if (close < 0) {
            return refuse("bad-data", "data block is not closed", now);
        }
        String data = content.substring(0, close);
        String rest = content.substring(close + 1);
        List<String> blocks = new ArrayList<>(2);
        Matcher block = BLOCK.matcher(rest);
        int pos = 0;
        while (block.find(pos) && block.start() == pos) {
            blocks.add(block.group(1));
            pos = block.end();
        }
        String tail = rest.substring(pos);
        Optional<Instant> timestamp = Optional.empty();
        if (!tail.isEmpty()) {
            timestamp = Dc09Timestamps.parse(tail);
            if (timestamp.isEmpty()) {
                return refuse("bad-timestamp", "timestamp is not _HH:MM:SS,MM-DD-YYYY", now);
            }
        }
        String[] accountAndBody = splitAccount(data, encrypted);
        String account = headerAccount.orElse(accountAndBody[0]);
        if (account.isEmpty()) {
            return refuse("no-account", "neither header nor data names an account", now);
        }
        Dc09Message message = new Dc09Message(token, encrypted, sequence, receiver, prefix, account,
                accountAndBody[1], blocks, timestamp);
        if (!SUPPORTED_TOKENS.contains(token)) {
            return new Refused(new Dc09Refusal(new InvalidFrame("unsupported-token", token), Dc09Answer.duh(message, now)));
        }
        return new Parsed(message, tolerated);
    }

    private Optional<String> decrypt(Optional<String> account, String hex) {
        if (account.isEmpty() || !HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        Optional<byte[]> key = keys.keyFor(account.get());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Dc09Cipher.decrypt(hex, key.get()).flatMap(Dc09Parser::stripPad);
    }

    /**
     * Removes the sender's padding: everything up to the first '|' (random characters, '0' or
     * NUL, depending on the sender). A message without data has no '|': then everything up to
     * ']' is padding. What is left must be printable, or the key or IV was wrong.
     */
    static Optional<String> stripPad(String plain) {
        int bar = plain.indexOf('|');
        int close = plain.indexOf(']');
        if (close < 0) {
            return Optional.empty();
        }
        String rest = bar >= 0 && bar < close ? plain.substring(bar + 1) : plain.substring(close);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return Optional.empty();
            }
        }
        return Optional.of(rest);
    }

    /** {@code #acct|body} → [acct, body]; {@code |body} → ["", body]; {@code body} → ["", body]. */
    private static String[] splitAccount(String data, boolean encrypted) {
        String d = data;
        if (encrypted && d.startsWith("#") && d.indexOf('|') > 0) {
            d = d.substring(d.indexOf('|') + 1); // a sender that also encrypts "#acct|"
        }
        if (!encrypted) {
            int bar = d.indexOf('|');
            if (d.startsWith("#") && bar > 0) {
                return new String[] {d.substring(1, bar), d.substring(bar + 1)};
            }
            if (d.startsWith("|")) {
                return new String[] {"", d.substring(1)};
            }
        }
        return new String[] {"", d};
    }

    private static void checkLength(String field, int actual, List<String> tolerated) {
        if (HEX.matcher(field).matches() && Integer.parseInt(field, 16) == actual) {
            return;
        }
        if (field.chars().allMatch(Character::isDigit) && Integer.parseInt(field) == actual) {
            tolerated.add("length-decimal");
        } else {
            tolerated.add("length-mismatch");
        }
    }

    private static String trimFraming(String raw) {
        String s = raw;
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        s = s.substring(0, end);
        if (s.endsWith("<x0D>")) {
            s = s.substring(0, s.length() - 5);
        }
        int start = 0;
        while (start < s.length() && s.charAt(start) == '\n') {
            start++;
        }
        s = s.substring(start);
        if (s.startsWith("<x0A>")) {
            s = s.substring(5);
        }
        return s;
    }

    private static Result refuse(String reason, String detail, Instant now) {
        return new Refused(new Dc09Refusal(new InvalidFrame(reason, detail), Dc09Answer.nak(now)));
    }
}
