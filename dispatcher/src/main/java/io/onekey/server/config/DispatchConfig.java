package io.onekey.server.config;

import io.onekey.dispatcher.error.ConfigChecks;

import io.onekey.dispatcher.error.ConfigException;




import io.onekey.dispatcher.geofence.GeofenceConfig;

import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.PriorityRules;
import io.onekey.dispatcher.notify.WebhookSender;
import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher routes and times alerts.
 *
 * @param offerTimeout      how long a provider has to answer an offer
 * @param maxRadiusMeters   providers farther than this from the resident are not offered
 * @param maxFixAge         a wearable's last fix older than this is not used for routing; home is
 * @param eventLogCapacity  events the embedded log holds before it refuses (devices retransmit)
 * @param tickInterval      how often deadlines are checked against the clock
 * @param rules             priorities, auto-offer rule and deadlines per priority
 * @param offlineTolerance  a device silent for its heartbeat interval times this is offline
 * @param geofence          drift protection of geofence exits
 * @param webhooks          retry schedule of provider webhooks
 * @param onSceneMaxDistanceMeters an "on scene" report farther than this from the resident is flagged
 * @param delayedAlarmAge   an alarm whose device time is older than this on arrival is raised flagged delayed
 */
public record DispatchConfig(
        Duration offerTimeout,
        double maxRadiusMeters,
        Duration maxFixAge,
        int eventLogCapacity,
        Duration tickInterval,
        PriorityRules rules,
        double offlineTolerance,
        GeofenceConfig geofence,
        WebhookSender.Settings webhooks,
        double onSceneMaxDistanceMeters,
        Duration delayedAlarmAge) {

    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(30);
    public static final double DEFAULT_MAX_RADIUS_METERS = 20_000;
    public static final Duration DEFAULT_MAX_FIX_AGE = Duration.ofMinutes(10);
    public static final int DEFAULT_EVENT_LOG_CAPACITY = 1_000_000;
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(250);
    public static final double DEFAULT_OFFLINE_TOLERANCE = 2.5;

    public DispatchConfig {
        ConfigChecks.positive("dispatch.offerTimeout", offerTimeout);
        ConfigChecks.positive("dispatch.maxFixAge", maxFixAge);
        ConfigChecks.positive("dispatch.tickInterval", tickInterval);
        ConfigChecks.positive("dispatch.delayedAlarmAge", delayedAlarmAge);
        if (!(maxRadiusMeters > 0)) {
            throw new ConfigException("dispatch.maxRadiusMeters", "must be positive");
        }
        if (eventLogCapacity <= 0) {
            throw new ConfigException("dispatch.eventLogCapacity", "must be positive");
        }
        if (!(offlineTolerance >= 1)) {
            throw new ConfigException("dispatch.offlineTolerance", "must be at least 1");
        }
        Objects.requireNonNull(rules, "dispatch rules");
        Objects.requireNonNull(geofence, "dispatch.geofence");
        Objects.requireNonNull(webhooks, "dispatch.webhook");
        if (!(onSceneMaxDistanceMeters > 0)) {
            throw new ConfigException("dispatch.onSceneMaxDistanceMeters", "must be positive");
        }
    }

    public static DispatchConfig defaults() {
        return new DispatchConfig(DEFAULT_OFFER_TIMEOUT, DEFAULT_MAX_RADIUS_METERS, DEFAULT_MAX_FIX_AGE,
                DEFAULT_EVENT_LOG_CAPACITY, DEFAULT_TICK_INTERVAL, PriorityRules.defaults(), DEFAULT_OFFLINE_TOLERANCE,
                GeofenceConfig.defaults(), WebhookSender.Settings.defaults(), 500, AlertService.DEFAULT_DELAYED_AFTER);
    }
}
