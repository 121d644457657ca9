package io.onekey.dispatcher.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.routing.ProviderLoad;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import io.onekey.dispatcher.store.memory.InMemoryDeviceStates;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every alert change is saved before anything follows from it: a notifier that fails cannot
 * stop an SOS from being opened and offered, and a save that fails tells nobody anything.
 */
class ChangesFirstEffectsAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final ProviderLoad load = new ProviderLoad();
    private final List<AlertChange> heard = new ArrayList<>();

    ChangesFirstEffectsAfterTest() {
        directory.putResident(new Resident("R1", "Wang Fang", "1 Lake Road", new GeoPoint(30.2741, 120.1551), null,
                List.of(), List.of()));
        directory.putDevice(new Device("D1", Protocol.WATCH, DeviceType.WEARABLE, "R1", 60));
        directory.putProvider(new Provider("P1", "Crew 1", Set.of(ServiceType.EMERGENCY),
                new GeoPoint(30.28, 120.1551), 2, ProviderStatus.AVAILABLE));
    }

    private AlertService service(AlertStore store, AlertChangeListener... first) {
        AlertChanges changes = new AlertChanges(store, Clock.fixed(NOW, ZoneOffset.UTC));
        for (AlertChangeListener listener : first) {
            changes.listen(listener);
        }
        changes.keepLoad(new ProviderLoadKeeper(load)).listen(heard::add);
        OfferFlow offers = new OfferFlow(changes, new NearestProviderRouter(directory, 20_000, load::of), directory,
                new IdGenerator("O"), Duration.ofSeconds(30));
        return new AlertService(changes, directory, new InMemoryDeviceStates(), new AlertPositions(Duration.ofMinutes(10)),
                PriorityRules.defaults(), offers, new IdGenerator("A"));
    }

    private static Alarm sos() {
        return new Alarm("D1", Protocol.WATCH, NOW, Optional.empty(), "watch:D1:1", AlarmKind.SOS, Optional.empty(),
                "AL", Optional.empty());
    }

    @Test
    void aNotifierThatThrowsNeverStopsAnSosFromBeingOpenedAndOffered() {
        InMemoryAlertStore store = new InMemoryAlertStore();
        AlertChangeListener broken = change -> {
            throw new IllegalStateException("WebSocket is closed");
        };
        Future<Optional<Alert>> result = service(store, broken).onAlarm(sos());

        assertTrue(result.succeeded(), () -> "the alarm failed: " + result.cause());
        Alert saved = store.get(result.result().orElseThrow().id()).result().orElseThrow();
        assertEquals(AlertState.DISPATCHED, saved.state());
        assertEquals("P1", saved.pendingOffer().orElseThrow().providerId());
        assertEquals(1, heard.size(), "the listeners after the broken one heard the opening, its offer with it");
        assertTrue(heard.get(0).opened());
        assertEquals(1, heard.get(0).newOffers().size(), "an alert is stored with its first offer, never without");
        assertEquals(1, load.of("P1"));
    }

    @Test
    void aSaveThatFailsTellsNobodyAndMovesNoCounter() {
        InMemoryAlertStore real = new InMemoryAlertStore();
        AlertStore failing = new FailingSaves(real);
        Future<Optional<Alert>> result = service(failing).onAlarm(sos());

        assertTrue(result.failed());
        assertEquals(0, heard.size(), "nothing was saved, so nobody heard of anything");
        assertEquals(0, real.openCount());
        assertEquals(0, load.of("P1"), "an offer that was never saved never counts against the provider");
    }

    /** Fails every save (a full disk, a lost connection). */
    private static final class FailingSaves implements AlertStore {
        private final AlertStore delegate;

        FailingSaves(AlertStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Future<Void> save(Alert alert) {
            return Future.failedFuture(new IllegalStateException("disk full"));
        }

        @Override
        public Future<Optional<Alert>> get(String id) {
            return delegate.get(id);
        }

        @Override
        public Future<Optional<Alert>> byOffer(String offerId) {
            return delegate.byOffer(offerId);
        }

        @Override
        public Future<List<Alert>> list(AlertQuery query) {
            return delegate.list(query);
        }

        @Override
        public Future<List<Alert>> openOf(String subject) {
            return delegate.openOf(subject);
        }

        @Override
        public Future<List<String>> due(Instant now) {
            return delegate.due(now);
        }

        @Override
        public Future<List<Alert>> ofProvider(String providerId) {
            return delegate.ofProvider(providerId);
        }

        @Override
        public Future<List<Alert>> receivedBetween(Instant from, Instant to) {
            return delegate.receivedBetween(from, to);
        }

        @Override
        public Future<Integer> forgetClosedBefore(Instant cutoff) {
            return delegate.forgetClosedBefore(cutoff);
        }

        @Override
        public long openCount() {
            return delegate.openCount();
        }
    }
}
