package io.onekey.dispatcher.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertFlags;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.alert.AlertSubjects;
import io.onekey.dispatcher.alert.AlertTiming;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.error.DispatchException;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every alert store must do; each implementation runs it through a subclass. */
public abstract class AlertStoreContract {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    protected AlertStore store;

    /** A new, empty store. */
    protected abstract AlertStore create();

    @BeforeEach
    void createStore() {
        store = create();
    }

    /** The result of a store call, waiting for it if the store is asynchronous. */
    public static <T> T done(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("store call failed", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("store call did not complete", e);
        }
    }

    /** The failure of a store call that must fail. */
    public static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("store call did not complete", e);
        }
        throw new AssertionError("store call succeeded but must fail");
    }

    public static Alert alert(String id, Priority priority, String resident, Instant received) {
        return new Alert(id, 1, AlertState.NEW, priority, AlarmKind.SOS, resident, "D-" + id, Protocol.WATCH, "raw",
                null, 1, received, received, AlertFlags.NONE, new AlertTiming(null, received.plusSeconds(60), null, null),
                List.of(new HistoryEntry(received, "system", "opened", AlertState.NEW, null)), List.of());
    }

    static Alert closed(Alert alert, Instant at) {
        Alert.Builder edit = alert.edit().state(AlertState.RESOLVED)
                .timing(new AlertTiming(null, null, null, at))
                .history(new HistoryEntry(at, "operator:o", "resolved", AlertState.RESOLVED, null));
        return edit.build();
    }

    @Test
    void savedAlertsComeBackAsSaved() {
        Alert a = alert("A1", Priority.P1, "R1", T0);
        done(store.save(a));
        assertEquals(Optional.of(a), done(store.get("A1")));
        assertEquals(Optional.empty(), done(store.get("nope")));
    }

    @Test
    void aChangeFromAStaleVersionIsRefusedWith409() {
        Alert a = alert("A1", Priority.P1, "R1", T0);
        done(store.save(a));
        done(store.save(a.edit().press(T0.plusSeconds(1)).build()));
        Throwable stale = failure(store.save(a.edit().press(T0.plusSeconds(2)).build()));
        assertEquals(409, ((DispatchException) stale).status());
        assertEquals(2, done(store.get("A1")).orElseThrow().version());
    }

    @Test
    void theListIsOpenByPriorityThenAgeThenClosedNewestFirst() {
        done(store.save(alert("A1", Priority.P2, "R1", T0)));
        done(store.save(alert("A2", Priority.P1, "R2", T0.plusSeconds(5))));
        done(store.save(alert("A3", Priority.P1, "R3", T0.plusSeconds(1))));
        Alert a4 = alert("A4", Priority.P1, "R4", T0);
        Alert a5 = alert("A5", Priority.P1, "R5", T0);
        done(store.save(a4));
        done(store.save(a5));
        done(store.save(closed(a4, T0.plusSeconds(100))));
        done(store.save(closed(a5, T0.plusSeconds(200))));
        List<String> ids = done(store.list(AlertQuery.all(10))).stream().map(Alert::id).toList();
        assertEquals(List.of("A3", "A2", "A1", "A5", "A4"), ids);
        assertEquals(List.of("A3", "A2"), done(store.list(AlertQuery.all(2))).stream().map(Alert::id).toList());
        assertEquals(3, store.openCount());
    }

    /** Alarms arriving in front of a page's place (an older press delivered late, a higher priority) do not shift the next page. */
    @Test
    void aPageStartsAfterThePlaceOfTheLastAlertOfThePageBefore() {
        done(store.save(alert("A1", Priority.P1, "R1", T0)));
        done(store.save(alert("A2", Priority.P1, "R2", T0.plusSeconds(1))));
        done(store.save(alert("A3", Priority.P2, "R3", T0)));
        Alert a4 = alert("A4", Priority.P2, "R4", T0.plusSeconds(2));
        done(store.save(a4));
        Alert a5 = alert("A5", Priority.P1, "R5", T0);
        Alert a6 = alert("A6", Priority.P1, "R6", T0);
        done(store.save(a5));
        done(store.save(a6));
        done(store.save(closed(a5, T0.plusSeconds(300))));
        done(store.save(closed(a6, T0.plusSeconds(200))));

        List<Alert> first = done(store.list(AlertQuery.all(2)));
        assertEquals(List.of("A1", "A2"), first.stream().map(Alert::id).toList());
        // Meanwhile: a P1 received before A2 and a P2 before A3, both in front of the place where the page ended.
        done(store.save(alert("A7", Priority.P1, "R7", T0.minusSeconds(5))));
        done(store.save(alert("A8", Priority.P2, "R8", T0.minusSeconds(5))));

        AlertQuery.Position afterA2 = AlertQuery.Position.of(first.get(1));
        assertEquals(List.of("A8", "A3"), ids(store.list(AlertQuery.all(2).after(afterA2))),
                "the next page goes on from A2's place; A7 arrived in front of it and is not repeated as A2 would be");
        AlertQuery.Position afterA3 = AlertQuery.Position.of(done(store.list(AlertQuery.all(2).after(afterA2))).get(1));
        assertEquals(List.of("A4", "A5", "A6"), ids(store.list(AlertQuery.all(5).after(afterA3))),
                "then the rest of the open ones and the closed ones, the most recently closed first");
        AlertQuery.Position afterA5 = AlertQuery.Position.of(done(store.get("A5")).orElseThrow());
        assertEquals(List.of("A6"), ids(store.list(AlertQuery.all(5).after(afterA5))), "a place among the closed ones");
        assertEquals(List.of(), ids(store.list(AlertQuery.all(5).after(AlertQuery.Position.of(done(store.get("A6")).orElseThrow())))));
    }

    private static List<String> ids(io.vertx.core.Future<List<Alert>> list) {
        return done(list).stream().map(Alert::id).toList();
    }

    @Test
    void theListFilters() {
        done(store.save(alert("A1", Priority.P2, "R1", T0)));
        done(store.save(alert("A2", Priority.P1, "R2", T0)));
        AlertQuery p2 = new AlertQuery(Optional.empty(), Optional.of(Priority.P2), Optional.empty(), 10);
        assertEquals(List.of("A1"), done(store.list(p2)).stream().map(Alert::id).toList());
        AlertQuery r2 = new AlertQuery(Optional.of(AlertState.NEW), Optional.empty(), Optional.of("R2"), 10);
        assertEquals(List.of("A2"), done(store.list(r2)).stream().map(Alert::id).toList());
        AlertQuery resolved = new AlertQuery(Optional.of(AlertState.RESOLVED), Optional.empty(), Optional.empty(), 10);
        assertEquals(List.of(), done(store.list(resolved)));
    }

    @Test
    void openAlertsOfASubjectLeaveWhenClosed() {
        Alert a = alert("A1", Priority.P1, "R1", T0);
        done(store.save(a));
        String subject = AlertSubjects.of(a);
        assertEquals(List.of("A1"), done(store.openOf(subject)).stream().map(Alert::id).toList());
        done(store.save(closed(a, T0.plusSeconds(10))));
        assertEquals(List.of(), done(store.openOf(subject)));
        assertEquals(0, store.openCount());
    }

    @Test
    void deadlinesFallDueAndMoveWithTheAlert() {
        Alert a = alert("A1", Priority.P1, "R1", T0); // acknowledge deadline T0 + 60 s
        done(store.save(a));
        assertEquals(List.of(), done(store.due(T0.plusSeconds(59))));
        assertEquals(List.of("A1"), done(store.due(T0.plusSeconds(60))));
        done(store.save(closed(a, T0.plusSeconds(30))));
        assertEquals(List.of(), done(store.due(T0.plusSeconds(61))));
    }

    @Test
    void offersLeadToTheirAlertAndProvidersSeeOnlyLiveJobs() {
        Alert a = alert("A1", Priority.P1, "R1", T0);
        Offer offer = new Offer("O1", "A1", "P1", OfferState.PENDING, T0, T0.plusSeconds(30), 100, null);
        Alert offered = a.edit().offer(offer).build();
        done(store.save(a));
        done(store.save(offered));
        assertEquals("A1", done(store.byOffer("O1")).orElseThrow().id());
        assertEquals(List.of("A1"), done(store.ofProvider("P1")).stream().map(Alert::id).toList());
        done(store.save(offered.edit().replaceOffer(offer.answered(OfferState.DECLINED, T0.plusSeconds(3))).build()));
        assertEquals(List.of(), done(store.ofProvider("P1")));
        assertEquals("A1", done(store.byOffer("O1")).orElseThrow().id());
    }

    @Test
    void closedAlertsAreForgottenAfterTheCutoffOpenOnesNever() {
        Alert old = alert("A1", Priority.P1, "R1", T0);
        Alert recent = alert("A2", Priority.P1, "R2", T0);
        Alert open = alert("A3", Priority.P1, "R3", T0);
        for (Alert a : List.of(old, recent, open)) {
            done(store.save(a));
        }
        done(store.save(closed(old, T0.plusSeconds(10))));
        done(store.save(closed(recent, T0.plusSeconds(1000))));
        assertEquals(1, done(store.forgetClosedBefore(T0.plusSeconds(500))));
        assertEquals(Optional.empty(), done(store.get("A1")));
        assertTrue(done(store.get("A2")).isPresent());
        assertTrue(done(store.get("A3")).isPresent());
    }

    @Test
    void alertsAreFoundByReceiptTime() {
        done(store.save(alert("A1", Priority.P1, "R1", T0)));
        done(store.save(alert("A2", Priority.P1, "R2", T0.plusSeconds(100))));
        assertEquals(List.of("A1"), done(store.receivedBetween(T0, T0.plusSeconds(100))).stream().map(Alert::id).toList());
    }
}
