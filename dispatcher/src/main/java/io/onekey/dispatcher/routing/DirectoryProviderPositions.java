package io.onekey.dispatcher.routing;

import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;

/** Provider positions read from the directory in memory: enough for one process and a few hundred providers. */
public final class DirectoryProviderPositions implements ProviderPositions {

    private final Directory directory;

    public DirectoryProviderPositions(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Future<List<String>> near(ServiceType type, GeoPoint where, double radiusMeters) {
        record Found(Provider provider, double distanceMeters) {
        }
        return Future.succeededFuture(directory.providers().stream()
                .filter(p -> p.offers(type))
                .map(p -> new Found(p, where.distanceMeters(p.base())))
                .filter(f -> f.distanceMeters() <= radiusMeters)
                .sorted(Comparator.comparingDouble(Found::distanceMeters))
                .map(f -> f.provider().id())
                .toList());
    }
}
