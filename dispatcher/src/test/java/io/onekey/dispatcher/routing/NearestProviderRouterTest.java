package io.onekey.dispatcher.routing;

import io.onekey.dispatcher.geo.GeoPoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.directory.ServiceType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NearestProviderRouterTest {

    private static final GeoPoint RESIDENT = new GeoPoint(30.2741, 120.1551);

    private final InMemoryDirectory directory = new InMemoryDirectory();

    @Test
    void nearestAvailableProviderOfTheServiceComesFirst() {
        add("far", 30.30, ServiceType.EMERGENCY, ProviderStatus.AVAILABLE);
        add("near", 30.28, ServiceType.EMERGENCY, ProviderStatus.AVAILABLE);
        add("nearer-but-meals", 30.2745, ServiceType.MEALS, ProviderStatus.AVAILABLE);
        add("nearest-but-off-duty", 30.2742, ServiceType.EMERGENCY, ProviderStatus.OFF_DUTY);

        assertEquals(List.of("near", "far"), ids(router(Map.of()).candidates(RESIDENT, ServiceType.EMERGENCY, Set.of())));
    }

    @Test
    void providersAlreadyTriedAtCapacityOrOutOfRangeAreLeftOut() {
        add("tried", 30.275, ServiceType.EMERGENCY, ProviderStatus.AVAILABLE);
        add("full", 30.276, ServiceType.EMERGENCY, ProviderStatus.AVAILABLE);
        add("ok", 30.28, ServiceType.EMERGENCY, ProviderStatus.AVAILABLE);
        add("too-far", 31.5, ServiceType.EMERGENCY, ProviderStatus.AVAILABLE);

        List<NearestProviderRouter.Candidate> candidates =
                router(Map.of("full", 1)).candidates(RESIDENT, ServiceType.EMERGENCY, Set.of("tried"));
        assertEquals(List.of("ok"), ids(candidates));
        assertEquals(655, candidates.get(0).distanceMeters(), 5);
    }

    @Test
    void greatCircleDistanceMatchesAKnownValue() {
        // One degree of latitude is about 111.2 km everywhere.
        assertEquals(111_195, new GeoPoint(30, 120).distanceMeters(new GeoPoint(31, 120)), 10);
    }

    private NearestProviderRouter router(Map<String, Integer> load) {
        return new NearestProviderRouter(directory, 20_000, id -> load.getOrDefault(id, 0));
    }

    private void add(String id, double lat, ServiceType type, ProviderStatus status) {
        directory.putProvider(new Provider(id, id, Set.of(type), new GeoPoint(lat, 120.1551), 1, status));
    }

    private static List<String> ids(List<NearestProviderRouter.Candidate> candidates) {
        return candidates.stream().map(c -> c.provider().id()).toList();
    }
}
