package io.onekey.dispatcher.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.routing.ProviderLoad;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deadlines live in the alerts and the store's index, not in timers: a dispatcher started
 * afresh over the same store (a restart, or another node on a shared store) finds them due.
 */
class AlertClockResumeTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");

    private final InMemoryAlertStore store = new InMemoryAlertStore();

    @Test
    void aFreshClockOverTheSameStoreEscalatesWhatWasDueWhileNoneRan() {
        store.save(alert(1, RECEIVED.plusSeconds(60)));
        AlertClock afterRestart = clockAt(RECEIVED.plusSeconds(61));
        afterRestart.tick();
        Alert escalated = store.get("A1").result().orElseThrow();
        assertTrue(escalated.flags().escalated());
        assertEquals("escalated", escalated.history().get(escalated.history().size() - 1).action());
    }

    @Test
    void aChangeMadeFromAStaleCopyIsRefused() {
        Alert first = alert(1, RECEIVED.plusSeconds(60));
        store.save(first);
        assertTrue(store.save(first.edit().press(RECEIVED).build()).succeeded());
        var stale = store.save(first.edit().press(RECEIVED.plusSeconds(1)).build());
        assertTrue(stale.failed());
        assertEquals(409, ((DispatchException) stale.cause()).status());
    }

    private AlertClock clockAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        AlertChanges changes = new AlertChanges(store, clock);
        InMemoryDirectory directory = new InMemoryDirectory();
        ProviderLoad load = new ProviderLoad();
        OfferFlow offers = new OfferFlow(changes, new NearestProviderRouter(directory, 20_000, load::of), directory,
                new IdGenerator("O"), Duration.ofSeconds(30));
        return new AlertClock(changes, offers, Duration.ofDays(400));
    }

    private static Alert alert(long version, Instant ackDeadline) {
        return new Alert("A1", version, AlertState.NEW, Priority.P1, AlarmKind.SOS, "R1", "D1", Protocol.WATCH, "raw",
                null, 1, RECEIVED, RECEIVED, AlertFlags.NONE, new AlertTiming(null, ackDeadline, null, null),
                List.of(new HistoryEntry(RECEIVED, "system", "opened", AlertState.NEW, null)), List.of());
    }
}
