package io.onekey.dispatcher.routing;

import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where the providers of each service are: the question routing asks first, so that a shared
 * store can answer it from a geospatial index instead of every node walking every provider.
 * Whether a provider found here can take the job (available, under capacity, not yet tried)
 * is decided afterwards, from the directory.
 */
public interface ProviderPositions {

    /** Ids of the providers of this service based within the radius, nearest first. */
    Future<List<String>> near(ServiceType type, GeoPoint where, double radiusMeters);
}
