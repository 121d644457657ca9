package io.onekey.dispatcher.store.redis;

import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.GeoWithin;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.routing.ProviderPositions;
import io.vertx.core.Future;
import java.util.List;

/**
 * Provider positions from the GEO sets {@link RedisDirectory} keeps, one per service type:
 * one GEOSEARCH answers which providers are within range, nearest first, however many there are.
 */
public final class RedisProviderPositions implements ProviderPositions {

    private final RedisLink link;

    public RedisProviderPositions(RedisLink link) {
        this.link = link;
    }

    @Override
    public Future<List<String>> near(ServiceType type, GeoPoint where, double radiusMeters) {
        return RedisLink.onCaller(link.commands().geosearch(link.keys().providerPositions(type.name()),
                        GeoSearch.fromCoordinates(where.lon(), where.lat()), GeoSearch.byRadius(radiusMeters, GeoArgs.Unit.m),
                        new GeoArgs().asc())
                .thenApply(found -> found.stream().map(GeoWithin::getMember).toList()));
    }
}
