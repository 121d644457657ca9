package io.onekey.dispatcher.alert;

import java.time.Instant;

/**
 * Where the resident is believed to be for this alert, and how that is known.
 *
 * @param source  GPS, LBS or WIFI for a device fix; HOME for the registered address
 * @param fixTime when the fix was taken; for HOME, when the alert was raised
 */
public record AlertPosition(double lat, double lon, String source, Instant fixTime) {

    public static final String HOME = "HOME";
}
