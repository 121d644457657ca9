package io.onekey.server.config;

import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.error.ConfigException;
import io.onekey.monitoring.SlaSettings;
import io.onekey.monitoring.SlaTargets;
import io.onekey.monitoring.WatchdogBounds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What is measured and watched: the SLA targets, read once and given to the live tracker and
 * the report alike, and the watchdog's bounds. The time allowed to acknowledge and to be on
 * scene is the dispatcher's own deadline per priority, so {@code dispatch.ackDeadline.P1} moves
 * escalation, the compliance gauge and the report together.
 */
public record MonitoringConfig(SlaTargets sla, WatchdogBounds watchdog) {

    public MonitoringConfig {
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(watchdog, "watchdog");
    }

    static MonitoringConfig load(Settings s, DispatchConfig dispatch) {
        SlaSettings d = SlaSettings.defaults();
        SlaSettings sla = new SlaSettings(
                share(s, "sla.acknowledged.share", d.acknowledgedShare()),
                positive(s, "sla.acknowledgedLong.within", d.acknowledgedLongWithin()),
                share(s, "sla.acknowledgedLong.share", d.acknowledgedLongShare()),
                share(s, "sla.onScene.share", d.onSceneShare()),
                priority(s, "sla.serviceCircle.priority", d.serviceCirclePriority()),
                positive(s, "sla.serviceCircle.within", d.serviceCircleWithin()),
                share(s, "sla.serviceCircle.share", d.serviceCircleShare()),
                positive(s, "sla.offered.within", d.offeredWithin()),
                share(s, "sla.offered.share", d.offeredShare()),
                share(s, "sla.accepted.share", d.acceptedShare()),
                positive(s, "sla.notified.within", d.notifiedWithin()),
                share(s, "sla.notified.share", d.notifiedShare()),
                window(s, d.window()));
        WatchdogBounds w = WatchdogBounds.defaults();
        WatchdogBounds watchdog = new WatchdogBounds(
                positive(s, "watchdog.interval", w.interval()),
                positive(s, "watchdog.maxEventLogLag", w.maxEventLogLag()),
                positive(s, "watchdog.maxUnacknowledgedP1", w.maxUnacknowledgedP1()),
                positive(s, "watchdog.maxDeviceSilence", w.maxDeviceSilence()));
        return new MonitoringConfig(targets(sla, dispatch), watchdog);
    }

    /** The targets for the dispatcher's deadlines as configured. */
    public static SlaTargets targets(SlaSettings sla, DispatchConfig dispatch) {
        Map<String, Duration> ack = new LinkedHashMap<>();
        Map<String, Duration> onScene = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            dispatch.rules().ackDeadline(p).ifPresent(v -> ack.put(p.name(), v));
            dispatch.rules().onSceneDeadline(p).ifPresent(v -> onScene.put(p.name(), v));
        }
        return SlaTargets.of(sla, ack, onScene, dispatch.offerTimeout());
    }

    public static MonitoringConfig defaults(DispatchConfig dispatch) {
        return new MonitoringConfig(targets(SlaSettings.defaults(), dispatch), WatchdogBounds.defaults());
    }

    private static double share(Settings s, String key, double defaultValue) {
        double v = s.decimal(key, defaultValue);
        if (!(v > 0 && v <= 1)) {
            throw new ConfigException(key, "must be a share between 0 and 1 (0.975 for 97.5 %), was " + v);
        }
        return v;
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration v = s.duration(key, defaultValue);
        if (v.isNegative() || v.isZero()) {
            throw new ConfigException(key, "must be positive");
        }
        return v;
    }

    private static Duration window(Settings s, Duration defaultValue) {
        Duration v = positive(s, "sla.window", defaultValue);
        if (v.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("sla.window", "must be at least 1m");
        }
        return v;
    }

    private static String priority(Settings s, String key, String defaultValue) {
        String v = s.string(key, defaultValue).trim().toUpperCase(Locale.ROOT);
        try {
            return Priority.valueOf(v).name();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be P1, P2, P3 or P4, was '" + v + "'");
        }
    }
}
