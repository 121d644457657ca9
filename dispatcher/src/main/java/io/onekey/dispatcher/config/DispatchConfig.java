package io.onekey.dispatcher.config;

import java.time.Duration;

/**
 * How the dispatcher routes and times alerts.
 *
 * @param offerTimeout     how long a provider has to answer an offer
 * @param maxRadiusMeters  providers farther than this from the resident are not offered
 * @param maxFixAge        a wearable's last fix older than this is not trusted; home is used
 * @param eventLogCapacity events the embedded log holds before it refuses (devices retransmit)
 */
public record DispatchConfig(Duration offerTimeout, double maxRadiusMeters, Duration maxFixAge, int eventLogCapacity) {

    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(30);
    public static final double DEFAULT_MAX_RADIUS_METERS = 20_000;
    public static final Duration DEFAULT_MAX_FIX_AGE = Duration.ofMinutes(10);
    public static final int DEFAULT_EVENT_LOG_CAPACITY = 1_000_000;

    public DispatchConfig {
        ConfigChecks.positive("dispatch.offerTimeout", offerTimeout);
        ConfigChecks.positive("dispatch.maxFixAge", maxFixAge);
        if (!(maxRadiusMeters > 0)) {
            throw new ConfigException("dispatch.maxRadiusMeters", "must be positive");
        }
        if (eventLogCapacity <= 0) {
            throw new ConfigException("dispatch.eventLogCapacity", "must be positive");
        }
    }

    public static DispatchConfig defaults() {
        return new DispatchConfig(DEFAULT_OFFER_TIMEOUT, DEFAULT_MAX_RADIUS_METERS, DEFAULT_MAX_FIX_AGE,
                DEFAULT_EVENT_LOG_CAPACITY);
    }
}
