package io.onekey.device.protocol.dc09;

import java.time.Duration;

/**
 * DC-09 receiver settings.
 *
 * @param maxAhead  a message timestamped further ahead of the receiver's clock is NAKed
 * @param maxBehind a message timestamped further behind is NAKed
 * @param codes     event code mapping, with the configured overrides
 */
public record Dc09Settings(Duration maxAhead, Duration maxBehind, Dc09CodeTable codes) {

    public static Dc09Settings defaults() {
        return new Dc09Settings(Duration.ofSeconds(20), Duration.ofSeconds(40), Dc09CodeTable.defaults());
    }
}
