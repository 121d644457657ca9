package io.onekey.dispatcher.care;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.routing.DirectoryProviderPositions;
import io.onekey.dispatcher.store.memory.InMemoryCareStore;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.onekey.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Service requests: routed by type and circle, offered ahead of their window, taken, staffed and measured. */
class CareDeskTest {

    private static final Instant NINE = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");
    private static final GeoPoint HOME = new GeoPoint(30.2741, 120.1551);

    private final MutableClock clock = new MutableClock(NINE);
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryCareStore store = new InMemoryCareStore();
    private final AtomicInteger numbers = new AtomicInteger();
    private final List<String> heard = new ArrayList<>();
    private final Map<String, Integer> alertLoad = new java.util.HashMap<>();
    private final CareDesk desk = new CareDesk(store, new CareCatalogue(CareCatalogue.defaults()), directory,
            new DirectoryProviderPositions(directory), id -> alertLoad.getOrDefault(id, 0), clock,
            new CareDesk.Settings(Duration.ofMinutes(10), 300, Duration.ofDays(90)), () -> "C" + numbers.incrementAndGet())
            .listen((before, after) -> heard.add(after.state().name()));

    CareDeskTest() {
        directory.putResident(new Resident("R1", "Wang Fang", "12 Lotus Lane", HOME, null, List.of(), List.of()));
    }

    private void provider(String id, double northMeters, ServiceType type) {
        directory.putProvider(new Provider(id, "Org " + id, Set.of(type),
                new GeoPoint(HOME.lat() + northMeters / 111_195.0, HOME.lon()), 2, ProviderStatus.AVAILABLE));
    }

    private static <T> T done(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CareRequest meals(Instant from) {
        return done(desk.file(new NewCareRequest("R1", "meals", from, from.plus(Duration.ofHours(1)), CareChannel.PHONE,
                "operator:alice", null)));
    }

    private CareRequest tickAndLoad(String id) {
        done(desk.tick());
        return done(desk.load(id));
    }

    @Test
    void aRequestGoesToTheNearestProviderOfItsTypeInsideTheTypesCircle() {
        provider("housekeeping-next-door", 100, ServiceType.HOUSEKEEPING);
        provider("meals-outside-circle", 1_800, ServiceType.MEALS);
        provider("meals-far", 1_200, ServiceType.MEALS);
        provider("meals-near", 600, ServiceType.MEALS);
        CareRequest r = meals(NINE);
        assertEquals(CareState.OFFERED, r.state());
        assertEquals("meals-near", r.pendingOffer().orElseThrow().providerId());
        done(desk.decline(r.id(), "meals-near", "no driver"));
        CareRequest next = done(desk.load(r.id()));
        assertEquals("meals-far", next.pendingOffer().orElseThrow().providerId());
        clock.advance(Duration.ofMinutes(11));
        CareRequest exhausted = tickAndLoad(r.id());
        assertEquals(CareState.UNASSIGNED, exhausted.state(), "the one outside the 1.5 km circle is never offered it");
        assertEquals(List.of(CareOffer.State.DECLINED, CareOffer.State.EXPIRED),
                exhausted.offers().stream().map(CareOffer::state).toList());
    }

    @Test
    void aRequestForLaterIsOfferedItsLeadTimeBeforeTheWindowAndMeasuredAgainstIt() {
        provider("meals-near", 600, ServiceType.MEALS);
        CareRequest r = meals(NOON);
        assertEquals(CareState.SCHEDULED, r.state());
        assertEquals(NOON.minus(Duration.ofMinutes(45)), r.offerAt());
        assertEquals(NOON.plus(Duration.ofMinutes(15)), r.arriveBy());
        clock.set(NOON.minus(Duration.ofMinutes(46)));
        assertEquals(CareState.SCHEDULED, tickAndLoad(r.id()).state());
        clock.set(NOON.minus(Duration.ofMinutes(45)));
        assertEquals(CareState.OFFERED, tickAndLoad(r.id()).state());
        done(desk.accept(r.id(), "meals-near"));
        clock.set(NOON.plus(Duration.ofMinutes(16)));
        CareRequest late = tickAndLoad(r.id());
        assertTrue(late.lateFlagged());
        assertEquals(List.of(), late.onTime().stream().toList(), "nobody arrived yet");
    }

    @Test
    void theOrganisationAssignsANamedWorkerWhoReportsArrivalAndCompletion() {
        provider("meals-near", 600, ServiceType.MEALS);
        done(store.putStaff(new ProviderStaff("meals-near", List.of(new Worker("W1", "Liu Yang")))));
        CareRequest r = meals(NINE);
        assertThrows(DispatchException.class, () -> done(desk.assign(r.id(), "meals-near", "W1")),
                "an offer not yet accepted cannot be staffed");
        done(desk.accept(r.id(), "meals-near"));
        DispatchException stranger = assertThrows(DispatchException.class, () -> done(desk.assign(r.id(), "meals-near", "W9")));
        assertEquals(400, stranger.status());
        assertEquals(404, assertThrows(DispatchException.class,
                () -> done(desk.assign(r.id(), "someone-else", "W1"))).status());
        assertEquals("W1", done(desk.assign(r.id(), "meals-near", "W1")).workerId());
        clock.advance(Duration.ofMinutes(10));
        CareRequest arrived = done(desk.arrive(r.id(), "meals-near", new GeoPoint(HOME.lat() + 0.0003, HOME.lon())));
        assertEquals(CareState.ARRIVED, arrived.state());
        assertEquals(Boolean.TRUE, arrived.onTime().orElseThrow());
        assertTrue(arrived.arrivalDistanceMeters() < 50);
        CareRequest completed = done(desk.complete(r.id(), "meals-near", "delivered"));
        assertEquals(CareState.COMPLETED, completed.state());
        assertEquals(List.of("SCHEDULED", "OFFERED", "ACCEPTED", "ASSIGNED", "ARRIVED", "COMPLETED"), heard);
    }

    @Test
    void anArrivalFarFromHomeIsKeptButNotConfirmed() {
        provider("meals-near", 600, ServiceType.MEALS);
        done(store.putStaff(new ProviderStaff("meals-near", List.of(new Worker("W1", "Liu Yang")))));
        CareRequest r = meals(NINE);
        done(desk.accept(r.id(), "meals-near"));
        done(desk.assign(r.id(), "meals-near", "W1"));
        CareRequest arrived = done(desk.arrive(r.id(), "meals-near", new GeoPoint(HOME.lat() + 0.01, HOME.lon())));
        assertTrue(arrived.history().get(arrived.history().size() - 1).note().contains("presence not confirmed"));
    }

    @Test
    void providersAndWorkersTheResidentExcludedAreNotOfferedOrAssigned() {
        provider("meals-near", 300, ServiceType.MEALS);
        provider("meals-next", 900, ServiceType.MEALS);
        done(store.putStaff(new ProviderStaff("meals-next", List.of(new Worker("W1", "Liu"), new Worker("W2", "Zhao")))));
        done(store.putPreferences(new ResidentPreferences("R1", Set.of("meals-near"), Set.of("W1"))));
        CareRequest r = meals(NINE);
        assertEquals("meals-next", r.pendingOffer().orElseThrow().providerId());
        done(desk.accept(r.id(), "meals-next"));
        assertEquals(409, assertThrows(DispatchException.class, () -> done(desk.assign(r.id(), "meals-next", "W1"))).status());
        assertEquals("W2", done(desk.assign(r.id(), "meals-next", "W2")).workerId());
    }

    @Test
    void aBusyProviderComesAfterAnIdleOneAtTheSameDistance() {
        provider("busy", 500, ServiceType.MEALS);
        provider("idle", 500, ServiceType.MEALS);
        alertLoad.put("busy", 1);
        assertEquals("idle", meals(NINE).pendingOffer().orElseThrow().providerId());
    }

    @Test
    void anEmergencyTypeIsOfferedAtOnceWhateverWindowWasAsked() {
        provider("crew", 2_000, ServiceType.EMERGENCY);
        CareRequest r = done(desk.file(new NewCareRequest("R1", "emergency", NOON, null, CareChannel.FAMILY, "family:F1", null)));
        assertEquals(CareState.OFFERED, r.state());
        assertEquals(NINE, r.windowStart());
        assertEquals(CareLane.EMERGENCY, r.lane());
    }

    @Test
    void unknownTypesResidentsAndBackwardWindowsAreRefused() {
        assertEquals(400, assertThrows(DispatchException.class, () -> done(desk.file(new NewCareRequest("R1", "karaoke",
                null, null, CareChannel.PHONE, "operator:a", null)))).status());
        assertEquals(400, assertThrows(DispatchException.class, () -> done(desk.file(new NewCareRequest("R9", "meals",
                null, null, CareChannel.PHONE, "operator:a", null)))).status());
        assertEquals(400, assertThrows(DispatchException.class, () -> done(desk.file(new NewCareRequest("R1", "meals",
                NOON, NOON.minusSeconds(1), CareChannel.PHONE, "operator:a", null)))).status());
        assertNull(done(store.request("C1")).orElse(null));
        assertFalse(heard.contains("SCHEDULED"));
    }

    @Test
    void aWeeklyVisitIsFiledOncePerOccurrenceOfferedToTheCareTeamFirstAndAMissedOneIsFlagged() {
        provider("near-org", 500, ServiceType.COMPANIONSHIP);
        provider("team-org", 2_000, ServiceType.COMPANIONSHIP);
        done(store.putTeam(new CareTeam("R1", List.of(
                new CareTeam.Member("Zhou Min", CareTeam.Role.SOCIAL_WORKER, "+86 131 0000 0007", "team-org"),
                new CareTeam.Member("Wang Lei", CareTeam.Role.FAMILY, null, null)))));
        done(store.putSchedule(new CareSchedule("weekly-visit", "R1", "visit", Set.of(java.time.DayOfWeek.MONDAY),
                java.time.LocalTime.of(10, 0), Duration.ofHours(1), java.time.ZoneId.of("UTC"), "social worker's visit")));
        done(desk.tick());
        done(desk.tick());
        List<CareRequest> filed = done(store.requests());
        assertEquals(1, filed.size(), "one request per occurrence, however many ticks");
        CareRequest monday = filed.get(0);
        assertEquals("S-weekly-visit-20261130", monday.id());
        assertEquals(CareChannel.SCHEDULE, monday.channel());
        assertEquals(Instant.parse("2026-11-30T10:00:00Z"), monday.windowStart());
        assertEquals("team-org", monday.pendingOffer().orElseThrow().providerId(), "the care team before the nearest");
        done(desk.accept(monday.id(), "team-org"));
        clock.set(Instant.parse("2026-11-30T11:01:00Z"));
        assertTrue(tickAndLoad(monday.id()).lateFlagged(), "nobody came: the missed visit is flagged for the supervisor");
        clock.set(Instant.parse("2026-12-06T08:00:00Z"));
        done(desk.tick());
        assertEquals(1, done(store.requests()).size(), "next Monday's is not filed before its offer time is near");
        clock.set(Instant.parse("2026-12-06T09:00:00Z"));
        done(desk.tick());
        assertEquals(CareState.SCHEDULED, done(desk.load("S-weekly-visit-20261207")).state(), "filed an hour ahead");
        clock.set(Instant.parse("2026-12-06T10:00:00Z"));
        assertEquals(CareState.OFFERED, tickAndLoad("S-weekly-visit-20261207").state(), "offered the visit's 24 h lead ahead");
    }

    /**
     * A store through which another node moves the request between this desk's read and its
     * save, as many times as asked: the desk must read again and decide on fresh data.
     */
    private CareDesk deskRacedBy(int interleavings, String actor) {
        AtomicInteger left = new AtomicInteger(interleavings);
        CareStore raced = (CareStore) java.lang.reflect.Proxy.newProxyInstance(CareStore.class.getClassLoader(),
                new Class<?>[] {CareStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("replaceRequest") && args[0] != null && left.getAndDecrement() > 0) {
                        CareRequest now = done(store.request(((CareRequest) args[0]).id())).orElseThrow();
                        assertTrue(done(store.replaceRequest(now, now.with().step(clock.instant(), actor, "note",
                                "called the daughter").done())));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new CareDesk(raced, new CareCatalogue(CareCatalogue.defaults()), directory, new DirectoryProviderPositions(directory),
                id -> 0, clock, new CareDesk.Settings(Duration.ofMinutes(10), 300, Duration.ofDays(90)), () -> "X")
                .listen((before, after) -> heard.add("raced:" + after.state().name()));
    }

    @Test
    void aRequestAnotherNodeMovedMeanwhileIsReadAgainAndNothingIsLost() {
        provider("meals-near", 600, ServiceType.MEALS);
        CareRequest r = meals(NINE);
        CareRequest accepted = done(deskRacedBy(1, "operator:bob").accept(r.id(), "meals-near"));
        assertEquals(CareState.ACCEPTED, accepted.state());
        CareRequest stored = done(desk.load(r.id()));
        assertEquals(accepted, stored);
        assertEquals(List.of("filed", "offered", "note", "accepted"), stored.history().stream().map(CareStep::action).toList(),
                "the other node's note and the acceptance are both kept");
        assertEquals(1, heard.stream().filter(h -> h.equals("raced:ACCEPTED")).count(), "listeners hear the saved change only");
    }

    @Test
    void aRequestThatKeepsMovingIsAConflictForTheCallerNotALostWrite() {
        provider("meals-near", 600, ServiceType.MEALS);
        CareRequest r = meals(NINE);
        DispatchException e = assertThrows(DispatchException.class,
                () -> done(deskRacedBy(10, "operator:bob").cancel(r.id(), "operator:alice", "resident in hospital")));
        assertEquals(409, e.status());
        CareRequest stored = done(desk.load(r.id()));
        assertEquals(CareState.OFFERED, stored.state(), "nothing half-done");
        assertEquals(3, stored.history().stream().filter(h -> h.action().equals("note")).count(), "three attempts, each on fresh data");
    }
}
