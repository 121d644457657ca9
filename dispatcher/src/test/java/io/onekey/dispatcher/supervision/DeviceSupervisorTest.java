package io.onekey.dispatcher.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChanges;
import io.onekey.dispatcher.alert.AlertPositions;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.IdGenerator;
import io.onekey.dispatcher.alert.OfferFlow;
import io.onekey.dispatcher.alert.PriorityRules;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import io.onekey.dispatcher.store.memory.InMemoryDeviceStates;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import io.onekey.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Silent terminals raise one "offline" alert each, found through the deadline index; and a
 * restarted server gives every terminal its full tolerance from the restart, so that a terminal
 * last heard before a long outage of the server is not declared offline the moment it is back.
 */
class DeviceSupervisorTest {

    private static final Instant LAST_HEARD = Instant.parse("2026-11-30T02:00:00Z");


    private final MutableClock clock = new MutableClock(LAST_HEARD.plus(Duration.ofMinutes(30)));
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryDeviceStates states = new InMemoryDeviceStates();
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AlertService alerts;

    DeviceSupervisorTest() {
        directory.putDevice(new Device("W1", Protocol.WATCH, DeviceType.WEARABLE, "R1", 60));
        states.apply(new Heartbeat("W1", Protocol.WATCH, LAST_HEARD, Optional.empty(), "hb", OptionalInt.empty(), OptionalInt.empty()));
        AlertChanges changes = new AlertChanges(store, clock);
        OfferFlow offers = new OfferFlow(changes, new NearestProviderRouter(directory, 20_000, id -> 0), directory,
                new IdGenerator("O"), Duration.ofSeconds(30));
        alerts = new AlertService(changes, directory, states, new AlertPositions(Duration.ofMinutes(10)),
                PriorityRules.defaults(), offers, new IdGenerator("A"));
    }

    private List<Alert> offlineAlerts() {
        return store.list(AlertQuery.all(100)).result().stream()
                .filter(a -> a.kind() == AlarmKind.TERMINAL_OFFLINE && a.state().isOpen()).toList();
    }

    @Test
    void afterARestartATerminalGetsItsFullToleranceFromTheRestart() {
        DeviceSupervisor supervisor = new DeviceSupervisor(directory, states, alerts, clock, 2.5); // the restart
        supervisor.check();
        assertEquals(0, offlineAlerts().size(), "heard 30 min ago, but the server was down: no false alarm");
        clock.advance(Duration.ofSeconds(149));
        supervisor.check();
        assertEquals(0, offlineAlerts().size());
        clock.advance(Duration.ofSeconds(2));
        supervisor.check();
        assertEquals(1, offlineAlerts().size(), "silent for 60 s x 2.5 since the restart: offline");
        supervisor.check();
        assertEquals(1, offlineAlerts().size(), "one alert per silence");
    }

    @Test
    void aTerminalWhoseOfflineAlertSurvivedTheRestartResolvesItWhenHeard() {
        DeviceSupervisor before = new DeviceSupervisor(directory, states, alerts, clock, 2.5);
        clock.advance(Duration.ofSeconds(151));
        before.check();
        assertEquals(1, offlineAlerts().size());

        DeviceSupervisor after = new DeviceSupervisor(directory, states, alerts, clock, 2.5); // the restart
        after.alreadyOffline(Protocol.WATCH, "W1");
        after.heard(Protocol.WATCH, "W1", clock.instant());
        assertEquals(0, offlineAlerts().size(), "heard again: the offline alert resolves itself");
    }
}
