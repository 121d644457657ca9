package io.onekey.dispatcher.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.command.CommandOutcome;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a position answers an operator's "locate now": the request's life, read from the alert's history. */
class LocateRequestsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private static Alert alertWith(HistoryEntry... entries) {
        List<HistoryEntry> history = new ArrayList<>(List.of(new HistoryEntry(T0.minusSeconds(60), Actor.SYSTEM, "opened",
                AlertState.NEW, null)));
        history.addAll(List.of(entries));
        return new Alert("A1", 1, AlertState.NEW, Priority.P1, AlarmKind.SOS, "R1", "W1", Protocol.WATCH, "raw", null, 1,
                T0.minusSeconds(60), T0.minusSeconds(60), AlertFlags.NONE, new AlertTiming(null, null, null, null), history,
                List.of());
    }

    private static HistoryEntry requested(Instant at) {
        return new HistoryEntry(at, "operator:olga", LocateRequests.REQUESTED, AlertState.NEW, null);
    }

    private static HistoryEntry outcome(Instant at, CommandOutcome outcome) {
        return new HistoryEntry(at, Actor.SYSTEM, LocateRequests.OUTCOME, AlertState.NEW, outcome.words());
    }

    @Test
    void aPositionAfterTheRequestAnswersItEvenBeforeTheOutcomeIsWritten() {
        assertEquals(Optional.of(T0), LocateRequests.outstanding(alertWith(requested(T0)), T0.plusSeconds(2)));
        assertEquals(Optional.of(T0), LocateRequests.outstanding(alertWith(requested(T0), outcome(T0, CommandOutcome.SENT)),
                T0.plusSeconds(2)));
    }

    @Test
    void aCommandNotSentLeavesNothingOutstanding() {
        assertTrue(LocateRequests.outstanding(alertWith(requested(T0), outcome(T0, CommandOutcome.NOT_CONNECTED)),
                T0.plusSeconds(2)).isEmpty());
    }

    @Test
    void oneRequestIsAnsweredByOneFreshFix() {
        HistoryEntry fix = new HistoryEntry(T0.plusSeconds(3), "device:W1", LocateRequests.FRESH_FIX, AlertState.NEW, "...");
        assertTrue(LocateRequests.outstanding(alertWith(requested(T0), fix), T0.plusSeconds(5)).isEmpty());
        assertEquals(Optional.of(T0.plusSeconds(9)),
                LocateRequests.outstanding(alertWith(requested(T0), fix, requested(T0.plusSeconds(9))), T0.plusSeconds(10)));
    }

    @Test
    void aPositionFromBeforeTheRequestOrLongAfterItIsNoAnswer() {
        Alert alert = alertWith(requested(T0));
        assertTrue(LocateRequests.outstanding(alert, T0.minusSeconds(1)).isEmpty());
        assertTrue(LocateRequests.outstanding(alert, T0.plus(LocateRequests.ANSWER_WINDOW).plusSeconds(1)).isEmpty());
        assertTrue(LocateRequests.outstanding(alertWith(), T0).isEmpty());
    }

    @Test
    void theFreshFixSaysWhereHowFarItMovedAndHowLongItTook() {
        Position fix = new Position(39.915, 116.404, 15, T0, PositionSource.GPS);
        assertEquals("fresh fix 39.91500, 116.40400 (GPS), 111 m from the last position, 8 s after the request",
                LocateRequests.describe(fix, new AlertPosition(39.914, 116.404, "HOME", T0), Duration.ofSeconds(8)));
        assertEquals("fresh fix 39.91500, 116.40400 (GPS), no earlier position, 0 s after the request",
                LocateRequests.describe(fix, null, Duration.ZERO));
    }
}
