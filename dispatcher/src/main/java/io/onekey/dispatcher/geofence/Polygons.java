package io.onekey.dispatcher.geofence;

import io.onekey.dispatcher.geo.GeoPoint;
import java.util.List;

/**
 * Polygon geometry on a local flat projection around the point in question: at the size of
 * a neighbourhood (a few km) the error is far below GPS accuracy.
 */
final class Polygons {

    private static final double METERS_PER_DEGREE = 111_195.0;

    private Polygons() {
    }

    /** Distance to the polygon's edge: positive outside, negative inside. */
    static double metersBeyond(List<GeoPoint> polygon, GeoPoint p) {
        double cos = Math.cos(Math.toRadians(p.lat()));
        int n = polygon.size();
        double nearest = Double.MAX_VALUE;
        boolean inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = (polygon.get(i).lon() - p.lon()) * cos * METERS_PER_DEGREE;
            double yi = (polygon.get(i).lat() - p.lat()) * METERS_PER_DEGREE;
            double xj = (polygon.get(j).lon() - p.lon()) * cos * METERS_PER_DEGREE;
            double yj = (polygon.get(j).lat() - p.lat()) * METERS_PER_DEGREE;
            if ((yi > 0) != (yj > 0) && 0 < (xj - xi) * (0 - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
            nearest = Math.min(nearest, distanceToSegment(xi, yi, xj, yj));
        }
        return inside ? -nearest : nearest;
    }

    /** Distance from the origin to the segment (x1,y1)-(x2,y2). */
    private static double distanceToSegment(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / lengthSquared));
        double x = x1 + t * dx;
        double y = y1 + t * dy;
        return Math.sqrt(x * x + y * y);
    }
}
