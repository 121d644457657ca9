package io.onekey.dispatcher.routing;

import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Every provider an operator might send by hand, fittest first: those offering the service
 * needed, then on duty, then with room, then able to hear the offer, then nearest, then least
 * loaded. Nobody is left out: an operator may have reasons the ranking does not know, so a
 * misfit is listed last and said to be one, not hidden.
 */
public final class DispatchCandidates {

    /**
     * One provider judged for one alert.
     *
     * @param service        what the alert needs, or null when any service will do
     * @param distanceMeters from the alert's position, NaN when the alert has none
     * @param reachable      has an open connection or a webhook: an offer reaches it
     */
    public record Fitness(Provider provider, ServiceType service, boolean matchesService, boolean onDuty,
                          boolean reachable, double distanceMeters, int load) {

        public boolean hasRoom() {
            return load < provider.capacity();
        }
    }

    private static final Comparator<Fitness> FITTEST_FIRST = Comparator
            .comparing((Fitness f) -> !f.matchesService())
            .thenComparing(f -> !f.onDuty())
            .thenComparing(f -> !f.hasRoom())
            .thenComparing(f -> !f.reachable())
            .thenComparingDouble(f -> Double.isNaN(f.distanceMeters()) ? Double.MAX_VALUE : f.distanceMeters())
            .thenComparingInt(Fitness::load);

    private final Directory directory;
    private final ToIntFunction<String> load;
    private final Predicate<Provider> reachable;

    public DispatchCandidates(Directory directory, ToIntFunction<String> load, Predicate<Provider> reachable) {
        this.directory = directory;
        this.load = load;
        this.reachable = reachable;
    }

    /** @param where the alert's position, or null */
    public List<Fitness> rank(GeoPoint where, ServiceType service) {
        return directory.providers().stream()
                .map(p -> new Fitness(p, service, service == null || p.offers(service), p.status() == ProviderStatus.AVAILABLE,
                        reachable.test(p), where == null ? Double.NaN : where.distanceMeters(p.base()), load.applyAsInt(p.id())))
                .sorted(FITTEST_FIRST)
                .toList();
    }
}
