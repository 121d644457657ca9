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
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Ranks the providers who can take a job: offering the service, available, under capacity,
 * within the maximum radius, not already tried for this alert; those an offer reaches (an open
 * connection or a webhook) before those it may not, then nearest first by great-circle
 * distance, then least loaded. The providers within range come from {@link ProviderPositions}
 * (a geospatial index when the store is shared); the rest is decided from the directory.
 */
public final class NearestProviderRouter {

    /** A ranked candidate, how far it is from the resident, and whether an offer would reach it now. */
    public record Candidate(Provider provider, double distanceMeters, boolean reachable) {

        public Candidate(Provider provider, double distanceMeters) {
            this(provider, distanceMeters, true);
        }
    }

    private final Directory directory;
    private final double maxRadiusMeters;
    private final ToIntFunction<String> currentLoad;
    private final ProviderPositions positions;
    private volatile Predicate<Provider> reachable = p -> true;

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

    /** Tells the router which providers an offer reaches now; unknown, every one is taken to be reachable. */
    public NearestProviderRouter reachability(Predicate<Provider> reachable) {
        this.reachable = reachable;
        return this;
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
                .map(p -> new Candidate(p, where.distanceMeters(p.base()), reachable.test(p)))
                .filter(c -> c.distanceMeters() <= maxRadiusMeters)
                .sorted(Comparator.comparing((Candidate c) -> !c.reachable())
                        .thenComparingDouble(Candidate::distanceMeters)
                        .thenComparingInt(c -> currentLoad.applyAsInt(c.provider().id())))
                .toList();
    }
}
