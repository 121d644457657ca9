package io.onekey.dispatcher.geofence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.dispatcher.directory.Geofence;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeofenceMonitorTest {

    private static final double PER_METER = 1 / 111_195.0;
    /** A 200 m x 200 m square around (30, 120). */
    private static final List<GeoPoint> SQUARE = List.of(
            new GeoPoint(30 - 100 * PER_METER, 120 - 100 * PER_METER / Math.cos(Math.toRadians(30))),
            new GeoPoint(30 - 100 * PER_METER, 120 + 100 * PER_METER / Math.cos(Math.toRadians(30))),
            new GeoPoint(30 + 100 * PER_METER, 120 + 100 * PER_METER / Math.cos(Math.toRadians(30))),
            new GeoPoint(30 + 100 * PER_METER, 120 - 100 * PER_METER / Math.cos(Math.toRadians(30))));

    @Test
    void distanceBeyondAPolygonIsNegativeInsideAndPositiveOutside() {
        assertEquals(-100, Polygons.metersBeyond(SQUARE, new GeoPoint(30, 120)), 1);
        assertEquals(50, Polygons.metersBeyond(SQUARE, new GeoPoint(30 + 150 * PER_METER, 120)), 1);
    }

    @Test
    void aPolygonZoneRaisesAnExitOnlyAfterTheDwell() {
        GeofenceMonitor monitor = new GeofenceMonitor(new GeofenceConfig(20, 2, Duration.ofSeconds(30)));
        Resident resident = new Resident("R", "R", "", new GeoPoint(30, 120), "", List.of(),
                List.of(new Geofence("block", null, 0, SQUARE)));
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        assertFalse(monitor.exitRaisedBy(resident, fix(300, t)));
        assertFalse(monitor.exitRaisedBy(resident, fix(300, t.plusSeconds(10))), "dwell time not reached");
        assertTrue(monitor.exitRaisedBy(resident, fix(300, t.plusSeconds(40))));
        assertFalse(monitor.exitRaisedBy(resident, fix(300, t.plusSeconds(50))), "once per excursion");
    }

    private static Position fix(double metersNorth, Instant at) {
        return new Position(30 + metersNorth * PER_METER, 120, 5, at, PositionSource.GPS);
    }
}
