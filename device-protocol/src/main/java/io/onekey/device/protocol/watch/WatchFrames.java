package io.onekey.device.protocol.watch;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Writes the watch protocol's frame form, {@code [maker*id*(index*)LLLL*content]}, in either direction. */
public final class WatchFrames {

    private WatchFrames() {
    }

    /** LLLL is the content's length in bytes, four lower-case hex digits, as the reference receiver writes it. */
    public static String format(String maker, String deviceId, Optional<String> index, String content) {
        int length = content.getBytes(StandardCharsets.ISO_8859_1).length;
        StringBuilder s = new StringBuilder(32 + length).append('[').append(maker).append('*').append(deviceId).append('*');
        index.ifPresent(i -> s.append(i).append('*'));
        return s.append(String.format(Locale.ROOT, "%04x", length)).append('*').append(content).append(']').toString();
    }
}
