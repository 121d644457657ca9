package io.onekey.device.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A position fix reported by a device.
 *
 * @param accuracyMeters estimated radius of the fix; GPS fixes use a nominal value
 * @param fixTime        when the fix was taken (device clock), which may be older than the frame
 */
public record Position(double lat, double lon, double accuracyMeters, Instant fixTime, PositionSource source) {

    public Position {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude out of range: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude out of range: " + lon);
        }
        Objects.requireNonNull(fixTime, "fixTime");
        Objects.requireNonNull(source, "source");
    }
}
