package io.onekey.dispatcher.store.contract;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.dispatcher.care.CareCatalogue;
import io.onekey.dispatcher.care.CareChannel;
import io.onekey.dispatcher.care.CareLane;
import io.onekey.dispatcher.care.CareOffer;
import io.onekey.dispatcher.care.CareRequest;
import io.onekey.dispatcher.care.CareState;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.care.CareType;
import io.onekey.dispatcher.care.FamilyMember;
import io.onekey.dispatcher.care.ProviderStaff;
import io.onekey.dispatcher.care.Rating;
import io.onekey.dispatcher.care.ResidentActivity;
import io.onekey.dispatcher.care.ResidentPreferences;
import io.onekey.dispatcher.care.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every care store must do: keep each record whole, find it again, replace it, drop it. */
public abstract class CareStoreContract {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    /** A store; {@link #reopened()} must see what this one kept. */
    protected abstract CareStore create();

    /** The same store opened again, as after a restart (the same object for memory). */
    protected abstract CareStore reopened();

    @Test
    void aRequestComesBackWholeAndAChangeReplacesIt() {
        CareStore store = create();
        CareRequest request = new CareRequest("C1", "R1", "meals", CareLane.EVERYDAY, T0, T0.plusSeconds(3600),
                CareChannel.PHONE, "operator:alice", "no salt", CareState.SCHEDULED, T0.minusSeconds(7200),
                T0.minusSeconds(2700), T0.plusSeconds(900), List.of(), null, null, null, null, null, false, List.of());
        assertTrue(done(store.replaceRequest(null, request)));
        assertEquals(Optional.of(request), done(reopened().request("C1")));
        CareRequest offered = request.with().state(CareState.OFFERED)
                .offer(new CareOffer("P1", CareOffer.State.PENDING, T0, T0.plusSeconds(600), 420.5))
                .step(T0, "system", "offered", "to P1").done();
        assertTrue(done(store.replaceRequest(request, offered)));
        assertEquals(List.of(offered), done(reopened().requests()));
        assertEquals(Optional.empty(), done(store.request("C2")));
    }

    @Test
    void aRequestIsMovedOnlyFromTheValueItWasReadAt() {
        CareStore store = create();
        CareRequest filed = new CareRequest("C7", "R1", "meals", CareLane.EVERYDAY, T0, T0.plusSeconds(3600),
                CareChannel.SCHEDULE, "schedule:s1", "", CareState.SCHEDULED, T0.minusSeconds(7200),
                T0.minusSeconds(2700), T0.plusSeconds(900), List.of(), null, null, null, null, null, false, List.of());
        assertTrue(done(store.replaceRequest(null, filed)), "the first filing is kept");
        assertFalse(done(reopened().replaceRequest(null, filed)), "a second node filing the same occurrence is told no");
        CareRequest offeredHere = filed.with().state(CareState.OFFERED)
                .offer(new CareOffer("P1", CareOffer.State.PENDING, T0, T0.plusSeconds(600), 420.5)).done();
        CareRequest offeredThere = filed.with().state(CareState.OFFERED)
                .offer(new CareOffer("P2", CareOffer.State.PENDING, T0, T0.plusSeconds(600), 800.0)).done();
        CareStore elsewhere = reopened();
        CareRequest readThere = done(elsewhere.request("C7")).orElseThrow();
        assertTrue(done(store.replaceRequest(filed, offeredHere)));
        assertFalse(done(elsewhere.replaceRequest(readThere, offeredThere)), "a move from a stale read loses");
        assertEquals(Optional.of(offeredHere), done(reopened().request("C7")));
        CareRequest accepted = offeredHere.with().answer("P1", CareOffer.State.ACCEPTED).state(CareState.ACCEPTED).provider("P1").done();
        assertTrue(done(elsewhere.replaceRequest(done(elsewhere.request("C7")).orElseThrow(), accepted)),
                "read again, the move is made");
    }

    @Test
    void catalogueChangesAreKeptAndDropped() {
        CareStore store = create();
        CareType meals = CareCatalogue.defaults().get(1);
        done(store.putType(meals));
        assertEquals(List.of(meals), done(reopened().types()));
        assertTrue(done(store.removeType(meals.id())));
        assertFalse(done(store.removeType(meals.id())));
        assertEquals(List.of(), done(reopened().types()));
    }

    @Test
    void theActivityOfACityIsKeptInOneCall() {
        CareStore store = create();
        List<ResidentActivity> city = java.util.stream.IntStream.range(0, 2_500)
                .mapToObj(i -> new ResidentActivity("R" + i, T0.plusSeconds(i), null, null)).toList();
        done(store.putActivities(city));
        assertEquals(Set.copyOf(city), Set.copyOf(done(reopened().activities())));
        assertEquals(Optional.of(city.get(1234)), done(reopened().activity("R1234")));
        assertEquals(Optional.empty(), done(reopened().activity("R-NOBODY")));
    }

    @Test
    void staffFamilyActivityPreferencesAndRatingsAreKept() {
        CareStore store = create();
        ProviderStaff staff = new ProviderStaff("P1", List.of(new Worker("W1", "Liu Yang"), new Worker("W2", "Zhao Li")));
        FamilyMember son = new FamilyMember("F1", "Wang Lei", List.of("R1"), "lei@example.org", null, null);
        ResidentActivity activity = new ResidentActivity("R1", T0, T0.minusSeconds(60), null);
        ResidentPreferences prefs = new ResidentPreferences("R1", Set.of("P2"), Set.of("W9"));
        Rating rating = new Rating("C1", "R1", "P1", "W1", 4, "kind and on time", "family:F1", T0);
        done(store.putStaff(staff));
        done(store.putFamily(son));
        done(store.putActivities(List.of(activity)));
        done(store.putPreferences(prefs));
        done(store.putRating(rating));
        CareStore again = reopened();
        assertEquals(Optional.of(staff), done(again.staff("P1")));
        assertEquals(Optional.empty(), done(again.staff("P2")));
        assertEquals(List.of(son), done(again.families()));
        assertEquals(List.of(activity), done(again.activities()));
        assertEquals(Optional.of(prefs), done(again.preferences("R1")));
        assertEquals(List.of(rating), done(again.ratings()));
        assertTrue(done(store.removeFamily("F1")));
        assertEquals(List.of(), done(reopened().families()));
    }

    @Test
    void schedulesAndCareTeamsAreKept() {
        CareStore store = create();
        io.onekey.dispatcher.care.CareSchedule daily = new io.onekey.dispatcher.care.CareSchedule("daily-call", "R1",
                "caring-call", Set.of(), java.time.LocalTime.of(9, 0), java.time.Duration.ofMinutes(30),
                java.time.ZoneId.of("Asia/Shanghai"), "how did you sleep?");
        io.onekey.dispatcher.care.CareSchedule weekly = new io.onekey.dispatcher.care.CareSchedule("weekly-visit", "R1",
                "visit", Set.of(java.time.DayOfWeek.MONDAY), java.time.LocalTime.of(10, 0), null, null, null);
        io.onekey.dispatcher.care.CareTeam team = new io.onekey.dispatcher.care.CareTeam("R1", List.of(
                new io.onekey.dispatcher.care.CareTeam.Member("Zhou Min",
                        io.onekey.dispatcher.care.CareTeam.Role.SOCIAL_WORKER, "+86 131", "P4")));
        done(store.putSchedule(daily));
        done(store.putSchedule(weekly));
        done(store.putTeam(team));
        CareStore again = reopened();
        assertEquals(Set.of(daily, weekly), Set.copyOf(done(again.schedules())));
        assertEquals(Optional.of(team), done(again.team("R1")));
        assertTrue(done(store.removeSchedule("daily-call")));
        assertEquals(List.of(weekly), done(reopened().schedules()));
    }
}
