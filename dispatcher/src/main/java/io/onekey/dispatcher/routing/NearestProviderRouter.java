package io.onekey.dispatcher.routing;

import io.onekey.dispatcher.geo.GeoPoint;

import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.directory.ServiceType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Ranks the providers who can take a job: offering the service, available, under capacity,
 * within the maximum radius, not already tried for this alert; nearest first by great-circle
 * distance, then least loaded.
 */
public final class NearestProviderRouter {

    /** A ranked candidate and how far it is from the resident. */
    public record Candidate(Provider provider, double distanceMeters) {
    }

    private final Directory directory;
    private final double maxRadiusMeters;
    private final ToIntFunction<String> currentLoad;

    /**
     * @param currentLoad the number of jobs a provider is running now, by provider id
     */
    public NearestProviderRouter(Directory directory, double maxRadiusMeters, ToIntFunction<String> currentLoad) {
        this.directory = directory;
        this.maxRadiusMeters = maxRadiusMeters;
        this.currentLoad = currentLoad;
    }

    public List<Candidate> candidates(GeoPoint where, ServiceType service, Set<String> excludedProviderIds) {
        return directory.providers().stream()
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
