package io.onekey.dispatcher.geofence;

import io.onekey.device.event.Position;
import io.onekey.dispatcher.directory.Geofence;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a wearable has really left its resident's safe zones: once per excursion, and
 * never for GPS drift. A fix counts as outside only when it is beyond every zone by more than
 * the margin plus its own accuracy (so a cell or Wi-Fi fix of 800 m says little); an exit
 * needs a run of such fixes over the dwell time; a fix older than the last one is ignored
 * (devices replay buffered fixes); being back inside a zone ends the excursion.
 */
public final class GeofenceMonitor {

    private final GeofenceConfig config;
    private final Map<String, Excursion> byResident = new ConcurrentHashMap<>();

    /** What is known of one resident's whereabouts relative to the zones. */
    private static final class Excursion {
        Instant lastFix = Instant.MIN;
        int outsideFixes;
        Instant firstOutside;
        boolean raised;
    }

    public GeofenceMonitor(GeofenceConfig config) {
        this.config = config;
    }

    /** Returns true exactly when this fix completes an exit that must be raised. */
    public boolean exitRaisedBy(Resident resident, Position fix) {
        if (resident.geofences().isEmpty()) {
            return false;
        }
        Excursion e = byResident.computeIfAbsent(resident.id(), id -> new Excursion());
        if (!fix.fixTime().isAfter(e.lastFix)) {
            return false;
        }
        e.lastFix = fix.fixTime();
        double beyond = metersBeyond(resident.geofences(), new GeoPoint(fix.lat(), fix.lon()));
        if (beyond <= 0) {
            e.outsideFixes = 0;
            e.firstOutside = null;
            e.raised = false;
            return false;
        }
        if (beyond - fix.accuracyMeters() <= config.marginMeters()) {
            // Within the margin or too vague to tell: the run of outside fixes is broken.
            e.outsideFixes = 0;
            e.firstOutside = null;
            return false;
        }
        e.outsideFixes++;
        if (e.firstOutside == null) {
            e.firstOutside = fix.fixTime();
        }
        boolean dwelt = e.outsideFixes >= config.dwellFixes()
                && Duration.between(e.firstOutside, fix.fixTime()).compareTo(config.dwellTime()) >= 0;
        if (dwelt && !e.raised) {
            e.raised = true;
            return true;
        }
        return false;
    }

    /** Metres beyond the nearest zone's edge: negative or zero when inside one. */
    static double metersBeyond(List<Geofence> fences, GeoPoint p) {
        double best = Double.MAX_VALUE;
        for (Geofence fence : fences) {
            double beyond = fence.polygon().size() >= 3 ? Polygons.metersBeyond(fence.polygon(), p)
                    : p.distanceMeters(fence.center()) - fence.radiusMeters();
            best = Math.min(best, beyond);
        }
        return best;
    }

}
