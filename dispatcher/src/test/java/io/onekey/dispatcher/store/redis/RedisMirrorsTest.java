package io.onekey.dispatcher.store.redis;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.store.Codec;
import io.onekey.testing.RedisForTests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one Redis: what one changes, the other's mirror follows. */
class RedisMirrorsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final GeoPoint LAKE = new GeoPoint(30.2741, 120.1551);
    private static final GeoPoint RIVER = new GeoPoint(30.5, 120.4);

    private final List<RedisLink> links = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private String namespace;
    private RedisLink nodeA;
    private RedisLink nodeB;

    @BeforeEach
    void twoNodes() {
        RedisForTests.require();
        namespace = RedisForTests.freshNamespace();
        nodeA = node();
        nodeB = node();
    }

    private RedisLink node() {
        RedisLink link = RedisLink.connect(RedisForTests.URL, namespace);
        links.add(link);
        return link;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        links.forEach(RedisLink::close);
        if (namespace != null) {
            RedisForTests.drop(namespace);
        }
    }

    @Test
    void aTokenRevokedOnOneNodeStopsAuthenticatingOnTheOther() {
        RedisTokenStore a = new RedisTokenStore(nodeA);
        RedisTokenStore b = new RedisTokenStore(nodeB);
        done(a.put("h1", new Principal("T1", Role.OPERATOR, "alice"), T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.byHash("h1").isPresent());

        assertTrue(done(a.remove("T1")));

        await().atMost(Duration.ofSeconds(5)).until(() -> b.byHash("h1").isEmpty());
        assertEquals(List.of(), b.list());
    }

    @Test
    void aRevocationReachesTokensTheRevokingNodeHasNotHeardOf() {
        RedisTokenStore b = new RedisTokenStore(nodeB);
        done(b.put("h2", new Principal("T2", Role.PROVIDER, "P7"), T0));
        // A starts with nothing heard: it learns of h2 from Redis alone, at load or from the script.
        RedisTokenStore a = new RedisTokenStore(node());
        assertEquals(1, done(a.removeAll(Role.PROVIDER, "P7")));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.byHash("h2").isEmpty());
        assertEquals(Optional.empty(), new RedisTokenStore(node()).byHash("h2"));
    }

    @Test
    void aDevicePutOnOneNodeIsHeardByTheOthersListeners() {
        RedisDirectory a = new RedisDirectory(nodeA, DirectoryContent.empty());
        RedisDirectory b = new RedisDirectory(nodeB, DirectoryContent.empty());
        List<String> heard = new CopyOnWriteArrayList<>();
        b.listen((device, present) -> heard.add(device.id() + (present ? "+" : "-")));
        Device device = new Device("D1", Protocol.WATCH, DeviceType.WEARABLE, null, 60);

        a.putDevice(device);
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("D1+"));
        assertEquals(Optional.of(device), b.device(Protocol.WATCH, "D1"));

        a.removeDevice(Protocol.WATCH, "D1");
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("D1-"));
        assertEquals(Optional.empty(), b.device(Protocol.WATCH, "D1"));
        assertEquals(List.of("D1+", "D1-"), heard);
    }

    @Test
    void aRegistrationNeverUndoesAnAssignmentThisNodeHasNotHeardOf() throws Exception {
        RedisDirectory late = new RedisDirectory(nodeB, DirectoryContent.empty());
        Device assigned = new Device("D2", Protocol.GT06, DeviceType.WEARABLE, "R1", 120);
        // Another node's change whose message this node missed: in Redis only.
        nodeA.commands().hset(nodeA.keys().devices(), "GT06:D2", "7|" + Codec.write(assigned)).get();

        late.registerUnassigned(Protocol.GT06, "D2");

        await().atMost(Duration.ofSeconds(5)).until(() -> late.device(Protocol.GT06, "D2").equals(Optional.of(assigned)));
        done(late.saved());
        assertEquals("7|" + Codec.write(assigned), nodeA.commands().hget(nodeA.keys().devices(), "GT06:D2").get());
    }

    @Test
    void aDeviceStateAppliedOnOneNodeReachesTheOtherAndANodeStartedLater() {
        RedisDeviceStates a = states(nodeA);
        RedisDeviceStates b = states(nodeB);
        Position fix = new Position(30.1, 120.1, 10, T0.plusSeconds(50), PositionSource.GPS);
        DeviceState applied = a.apply(new Location("D1", Protocol.WATCH, T0.plusSeconds(60), Optional.empty(), "l1", fix));

        await().atMost(Duration.ofSeconds(5)).until(() -> b.get(Protocol.WATCH, "D1").isPresent());
        assertEquals(Optional.of(applied), b.get(Protocol.WATCH, "D1"));

        assertEquals(Optional.of(applied), states(node()).get(Protocol.WATCH, "D1"));
    }

    @Test
    void redisKeepsTheNewerStateWhenANodeFlushesAnOlderOne() throws Exception {
        RedisDeviceStates behind = states(nodeB);
        DeviceState newer = DeviceState.firstSeen(T0.plusSeconds(60));
        // Flushed by a node whose message B missed: in Redis only.
        nodeA.commands().hset(nodeA.keys().deviceStates(), "WATCH:D1",
                newer.lastSeen().toEpochMilli() + "|" + Codec.write(newer)).get();
        Position fix = new Position(30.2, 120.2, 10, T0.plusSeconds(20), PositionSource.GPS);
        behind.apply(new Location("D1", Protocol.WATCH, T0.plusSeconds(30), Optional.empty(), "l1", fix));
        behind.apply(new Location("D9", Protocol.WATCH, T0.plusSeconds(30), Optional.empty(), "l9", fix));

        // One flusher sends in order: once D9 is in Redis, D1 was sent before or with it.
        await().atMost(Duration.ofSeconds(5)).until(() -> nodeA.commands().hexists(nodeA.keys().deviceStates(), "WATCH:D9").get());
        assertEquals(Optional.of(newer), states(node()).get(Protocol.WATCH, "D1"));
    }

    private RedisDeviceStates states(RedisLink link) {
        RedisDeviceStates states = new RedisDeviceStates(link, Duration.ofMillis(50));
        closing.add(states);
        return states;
    }

    @Test
    void aProviderMovedOnOneNodeIsFoundAtItsNewPlaceByTheOther() {
        RedisDirectory a = new RedisDirectory(nodeA, DirectoryContent.empty());
        RedisDirectory b = new RedisDirectory(nodeB, DirectoryContent.empty());
        a.putProvider(provider("P1", LAKE, ServiceType.EMERGENCY));
        done(a.saved());
        assertEquals(List.of("P1"), done(b.providersNear(ServiceType.EMERGENCY, LAKE, 1_000)));

        a.putProvider(provider("P1", RIVER, ServiceType.NURSING));
        done(a.saved());

        assertEquals(List.of(), done(b.providersNear(ServiceType.EMERGENCY, LAKE, 1_000)));
        assertEquals(List.of(), done(b.providersNear(ServiceType.EMERGENCY, RIVER, 1_000)));
        assertEquals(List.of("P1"), done(b.providersNear(ServiceType.NURSING, RIVER, 1_000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.provider("P1").map(Provider::base).equals(Optional.of(RIVER)));

        a.removeProvider("P1");
        done(a.saved());
        assertEquals(List.of(), done(b.providersNear(ServiceType.NURSING, RIVER, 1_000)));
    }

    @Test
    void routingOnOneNodeRanksTheProvidersPlacedByAnotherNearestFirst() {
        RedisDirectory a = new RedisDirectory(nodeA, DirectoryContent.empty());
        RedisDirectory b = new RedisDirectory(nodeB, DirectoryContent.empty());
        a.putProvider(provider("far", new GeoPoint(30.30, 120.1551), ServiceType.EMERGENCY));
        a.putProvider(provider("near", new GeoPoint(30.28, 120.1551), ServiceType.EMERGENCY));
        a.putProvider(provider("busy", new GeoPoint(30.275, 120.1551), ServiceType.EMERGENCY));
        a.putProvider(provider("meals", new GeoPoint(30.2745, 120.1551), ServiceType.MEALS));
        a.putProvider(provider("out-of-range", new GeoPoint(31.5, 120.1551), ServiceType.EMERGENCY));
        done(a.saved());
        await().atMost(Duration.ofSeconds(5)).until(() -> b.providers().size() == 5);
        NearestProviderRouter router = new NearestProviderRouter(b, 20_000, id -> id.equals("busy") ? 1 : 0,
                new RedisProviderPositions(nodeB));

        List<NearestProviderRouter.Candidate> ranked = done(router.nearest(LAKE, ServiceType.EMERGENCY, Set.of()));

        assertEquals(List.of("near", "far"), ranked.stream().map(c -> c.provider().id()).toList());
        assertEquals(router.candidates(LAKE, ServiceType.EMERGENCY, Set.of()), ranked);
    }

    @Test
    void theFileSeedsAndTheChangesKeptInRedisOverlayIt() {
        Resident resident = new Resident("R1", "Wang Fang", "1 Lake Road", LAKE, null, List.of(), List.of());
        DirectoryContent file = new DirectoryContent(List.of(resident), List.of(),
                List.of(provider("P-file", LAKE, ServiceType.EMERGENCY)));
        RedisDirectory a = new RedisDirectory(nodeA, file);
        assertEquals(List.of("P-file"), done(a.providersNear(ServiceType.EMERGENCY, LAKE, 1_000)));
        assertTrue(a.removeResident("R1"));
        done(a.saved());

        RedisDirectory restarted = new RedisDirectory(node(), file);

        assertEquals(Optional.empty(), restarted.resident("R1"));
        assertEquals(Optional.of(provider("P-file", LAKE, ServiceType.EMERGENCY)), restarted.provider("P-file"));
    }

    private static Provider provider(String id, GeoPoint base, ServiceType type) {
        return new Provider(id, id, Set.of(type), base, 1, ProviderStatus.AVAILABLE);
    }
}
