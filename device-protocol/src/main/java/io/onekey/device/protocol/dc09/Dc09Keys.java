package io.onekey.device.protocol.dc09;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * DC-09 AES keys as configured per account. A key is written either as its ASCII characters
 * (16, 24 or 32 of them: AES-128/192/256) or as hex (32, 48 or 64 digits). A 32-character
 * key that is all hex digits is ambiguous; it is read as ASCII (AES-256), as panels that take
 * typed keys do, unless it is written {@code hex:...}. {@code ascii:...} forces ASCII.
 */
public final class Dc09Keys {

    private Dc09Keys() {
    }

    /** Finds the key for an account; empty when the account has none (plain messages only). */
    @FunctionalInterface
    public interface Lookup {
        Optional<byte[]> keyFor(String account);

        Lookup NONE = account -> Optional.empty();
    }

    public static byte[] parse(String configured) {
        if (configured == null || configured.isEmpty()) {
            throw new IllegalArgumentException("a DC-09 key must not be empty");
        }
        if (configured.startsWith("hex:")) {
            return hex(configured.substring(4));
        }
        if (configured.startsWith("ascii:")) {
            return ascii(configured.substring(6));
        }
        int n = configured.length();
        if (n == 16 || n == 24 || n == 32) {
            return ascii(configured);
        }
        if (n == 48 || n == 64) {
            return hex(configured);
        }
        throw new IllegalArgumentException("a DC-09 key must be 16, 24 or 32 characters, or 32, 48 or 64 hex digits"
                + " (prefix hex: or ascii: to say which); this one has " + n);
    }

    private static byte[] ascii(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        requireAesLength(bytes.length);
        return bytes;
    }

    private static byte[] hex(String key) {
        try {
            byte[] bytes = HexFormat.of().parseHex(key);
            requireAesLength(bytes.length);
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a hex DC-09 key must be 32, 48 or 64 hex digits", e);
        }
    }

    private static void requireAesLength(int length) {
        if (length != 16 && length != 24 && length != 32) {
            throw new IllegalArgumentException("a DC-09 key must be 16, 24 or 32 bytes, was " + length);
        }
    }
}
