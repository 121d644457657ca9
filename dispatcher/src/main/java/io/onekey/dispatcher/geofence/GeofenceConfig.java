package io.onekey.dispatcher.geofence;

import io.onekey.dispatcher.error.ConfigException;

import java.time.Duration;

/**
 * Keeps GPS drift from raising geofence exits.
 *
 * @param marginMeters a fix must be this far beyond the fence (after subtracting its own
 *                     accuracy) to count as outside; re-entry needs only the fence itself
 * @param dwellFixes   consecutive outside fixes needed before an exit is raised
 * @param dwellTime    and the time between the first and the latest of them
 */
public record GeofenceConfig(double marginMeters, int dwellFixes, Duration dwellTime) {

    public GeofenceConfig {
        if (marginMeters < 0) {
            throw new ConfigException("dispatch.geofence.marginMeters", "must not be negative");
        }
        if (dwellFixes < 1) {
            throw new ConfigException("dispatch.geofence.dwellFixes", "must be at least 1");
        }
        if (dwellTime == null || dwellTime.isNegative()) {
            throw new ConfigException("dispatch.geofence.dwellTime", "must not be negative");
        }
    }

    public static GeofenceConfig defaults() {
        return new GeofenceConfig(50, 2, Duration.ofSeconds(30));
    }
}
