package io.onekey.device.protocol.dc09;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** DC-09 timestamps, {@code _HH:MM:SS,MM-DD-YYYY} in UTC. */
public final class Dc09Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("'_'HH:mm:ss,MM-dd-yyyy");

    private Dc09Timestamps() {
    }

    /** Parses {@code _HH:MM:SS,MM-DD-YYYY}; empty if malformed. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
