package io.onekey.dispatcher.routing;

import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Ranks the providers who can take a job: offering the service, available, under capacity,
 * within the maximum radius, not already tried for this alert; nearest first by great-circle
 * distance, then least loaded. The providers within range come from {@link ProviderPositions}
 * (a geospatial index when the store is shared); the rest is decided from the directory.
 */
public final class NearestProviderRouter {

    /** A ranked candidate and how far it is from the resident. */
    public record Candidate(Provider provider, double distanceMeters) {
    }

    private final Directory directory;
    private final double maxRadiusMeters;
    private final ToIntFunction<String> currentLoad;
    private final ProviderPositions positions;

    /**
     * Finds the providers within range in the directory itself.
     *
     * @param currentLoad the number of jobs a provider is running now, by provider id
     */
    public NearestProviderRouter(Directory directory, double maxRadiusMeters, ToIntFunction<String> currentLoad) {
        this(directory, maxRadiusMeters, currentLoad, new DirectoryProviderPositions(directory));
    }

    public NearestProviderRouter(Directory directory, double maxRadiusMeters, ToIntFunction<String> currentLoad,
                                 ProviderPositions positions) {
        this.directory = directory;
        this.maxRadiusMeters = maxRadiusMeters;
        this.currentLoad = currentLoad;
        this.positions = positions;
    }

    /** The candidates, asking the provider positions which providers are within range. */
    public Future<List<Candidate>> nearest(GeoPoint where, ServiceType service, Set<String> excludedProviderIds) {
        return positions.near(service, where, maxRadiusMeters).map(ids -> rank(
                ids.stream().map(directory::provider).flatMap(Optional::stream), where, service, excludedProviderIds));
    }

    /** The candidates from the directory alone, at once. */
    public List<Candidate> candidates(GeoPoint where, ServiceType service, Set<String> excludedProviderIds) {
        return rank(directory.providers().stream(), where, service, excludedProviderIds);
    }

    /**
     * The service is checked again against the directory: a provider's types may have changed
     * since the positions were read.
     */
    private List<Candidate> rank(Stream<Provider> providers, GeoPoint where, ServiceType service, Set<String> excludedProviderIds) {
        return providers
                .filter(p -> p.offers(service))
                .filter(p -> p.status() == ProviderStatus.AVAILABLE)
                .filter(p -> !excludedProviderIds.contains(p.id()))
                .filter(p -> currentLoad.applyAsInt(p.id()) < p.capacity())
                .map(p -> new Candidate(p, where.distanceMeters(p.base())))
                .filter(c -> c.distanceMeters() <= maxRadiusMeters)
                .sorted(Comparator.comparingDouble(Candidate::distanceMeters)
                        .thenComparingInt(c -> currentLoad.applyAsInt(c.provider().id())))
                .toList();
    }
}
