package io.onekey.dispatcher.directory;

import io.onekey.dispatcher.geo.GeoPoint;
import java.util.List;

/**
 * A safe zone around a resident: a circle, or a polygon (three points or more). A resident
 * with several zones is inside when inside any of them.
 */
public record Geofence(String name, GeoPoint center, double radiusMeters, List<GeoPoint> polygon) {

    public Geofence {
        name = name == null ? "" : name;
        polygon = polygon == null ? List.of() : List.copyOf(polygon);
        boolean circle = center != null && radiusMeters > 0;
        if (!circle && polygon.size() < 3) {
            throw new IllegalArgumentException("geofence needs a center and a positive radiusMeters, or a polygon of 3 points or more");
        }
    }
}
