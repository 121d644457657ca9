package io.onekey.monitoring;

import java.time.Duration;

/**
 * How far the pipeline may fall behind before the watchdog raises a supervisor alert.
 *
 * @param interval             how often the conditions are checked [watchdog.interval]
 * @param maxEventLogLag       the oldest event not yet processed may wait this long [watchdog.maxEventLogLag]
 * @param maxUnacknowledgedP1  a P1 alert may stay unacknowledged this long [watchdog.maxUnacknowledgedP1]
 * @param maxDeviceSilence     no event from any registered device for this long [watchdog.maxDeviceSilence]
 */
public record WatchdogBounds(Duration interval, Duration maxEventLogLag, Duration maxUnacknowledgedP1,
                             Duration maxDeviceSilence) {

    public WatchdogBounds {
        positive("watchdog.interval", interval);
        positive("watchdog.maxEventLogLag", maxEventLogLag);
        positive("watchdog.maxUnacknowledgedP1", maxUnacknowledgedP1);
        positive("watchdog.maxDeviceSilence", maxDeviceSilence);
    }

    /**
     * Lag: a P1 alarm must be offered in seconds, so half a minute behind is already an outage.
     * Unacknowledged P1: escalation comes at 60 s; five minutes means nobody is answering.
     * Silence: terminals send a heartbeat every 30 s to 5 min; ten minutes of nothing from any
     * of them is the network or the gateway, not the residents.
     */
    public static WatchdogBounds defaults() {
        return new WatchdogBounds(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }
}
