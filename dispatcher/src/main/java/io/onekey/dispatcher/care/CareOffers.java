package io.onekey.dispatcher.care;

import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.routing.ProviderPositions;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Picks the provider a request is offered to: one offering the type's provider service, inside
 * the type's service circle around the resident's home, a provider of the resident's care team
 * first, then nearest, then least loaded (alert jobs and care jobs together), never one already
 * tried nor one the resident excluded.
 */
final class CareOffers {

    private final Directory directory;
    private final ProviderPositions positions;
    private final ToIntFunction<String> alertLoad;
    private final Duration offerTimeout;

    CareOffers(Directory directory, ProviderPositions positions, ToIntFunction<String> alertLoad, Duration offerTimeout) {
        this.directory = directory;
        this.positions = positions;
        this.alertLoad = alertLoad;
        this.offerTimeout = offerTimeout;
    }

    /** The request offered to the best candidate, or handed to the operators as unassigned. */
    Future<CareRequest> offerNext(CareRequest request, CareType type, ResidentPreferences prefs, CareTeam team,
                                  List<CareRequest> all, Instant now) {
        GeoPoint home = directory.resident(request.residentId()).map(r -> r.home()).orElse(null);
        if (home == null) {
            return Future.succeededFuture(unassigned(request, "the resident is no longer in the directory", now));
        }
        Map<String, Long> careLoad = all.stream()
                .filter(r -> r.providerId() != null && r.state().isOpen() && !r.state().untaken())
                .collect(Collectors.groupingBy(CareRequest::providerId, Collectors.counting()));
        ToIntFunction<String> load = id -> alertLoad.applyAsInt(id) + careLoad.getOrDefault(id, 0L).intValue();
        Set<String> skip = new HashSet<>(prefs.excludedProviders());
        request.offers().forEach(o -> skip.add(o.providerId()));
        NearestProviderRouter router = new NearestProviderRouter(directory, type.circleMeters(), load, positions);
        return router.nearest(home, type.providerType(), skip).map(candidates -> {
            if (candidates.isEmpty()) {
                return unassigned(request, String.format(Locale.ROOT, "no available %s provider left within the %.1f km circle",
                        type.providerType().name().toLowerCase(Locale.ROOT), type.circleMeters() / 1000), now);
            }
            // The resident's own care team first: the people they know, if they are in the circle and free.
            NearestProviderRouter.Candidate best = candidates.stream()
                    .filter(c -> team.providers().contains(c.provider().id())).findFirst().orElse(candidates.get(0));
            return offerTo(request, best.provider().id(), best.provider().name(), best.distanceMeters(), "system", now);
        });
    }

    CareRequest offerTo(CareRequest request, String providerId, String providerName, double distance, String actor, Instant now) {
        return request.with().state(CareState.OFFERED)
                .offer(new CareOffer(providerId, CareOffer.State.PENDING, now, now.plus(offerTimeout), distance))
                .step(now, actor, "offered", String.format(Locale.ROOT, "offered to %s (%s), %.1f km away", providerName,
                        providerId, distance / 1000))
                .done();
    }

    private static CareRequest unassigned(CareRequest request, String reason, Instant now) {
        return request.with().state(CareState.UNASSIGNED).step(now, "system", "unassigned", reason).done();
    }
}
