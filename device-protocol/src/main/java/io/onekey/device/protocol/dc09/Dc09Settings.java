package io.onekey.device.protocol.dc09;

import java.time.Duration;

/**
 * DC-09 receiver settings.
 *
 * @param maxAhead  a message timestamped further ahead of the receiver's clock is NAKed
 * @param maxBehind a message timestamped further behind is NAKed
 * @param codes     event code mapping, with the configured overrides
 * @param requireTimestamp refuse (NAK) a plain message without a timestamp: without one nothing
 *                  stops a recorded message from being replayed later as a new alarm
 */
public record Dc09Settings(Duration maxAhead, Duration maxBehind, Dc09CodeTable codes, boolean requireTimestamp) {

    public Dc09Settings(Duration maxAhead, Duration maxBehind, Dc09CodeTable codes) {
        this(maxAhead, maxBehind, codes, false);
    }

    public static Dc09Settings defaults() {
        return new Dc09Settings(Duration.ofSeconds(20), Duration.ofSeconds(40), Dc09CodeTable.defaults(), false);
    }
}
