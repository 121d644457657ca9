package io.onekey.device.protocol.gt06;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A server-to-device command packet (protocol 0x80): an ASCII text command such as
 * {@code WHERE#}, the server flag the device echoes in its answer, and the packet's serial.
 */
public record Gt06Command(long serverFlag, String content, int serial) {

    /** The length byte counts protocol, command length, flag, content, serial and CRC: at most 255. */
    static final int MAX_CONTENT_BYTES = 255 - 10;

    public Gt06Command {
        Objects.requireNonNull(content, "content");
        if (content.isEmpty() || content.getBytes(StandardCharsets.US_ASCII).length > MAX_CONTENT_BYTES
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(content)) {
            throw new IllegalArgumentException("a GT06 command is 1-" + MAX_CONTENT_BYTES + " ASCII characters");
        }
        if (serverFlag < 0 || serverFlag > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("the server flag is 4 bytes");
        }
        serial &= 0xFFFF;
    }
}
