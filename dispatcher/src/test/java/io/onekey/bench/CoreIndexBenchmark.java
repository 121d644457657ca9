package io.onekey.bench;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChanges;
import io.onekey.dispatcher.alert.AlertFlags;
import io.onekey.dispatcher.alert.AlertPositions;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.AlertTiming;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.IdGenerator;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferFlow;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.alert.PriorityRules;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.routing.NearestProviderRouter;
import io.onekey.dispatcher.routing.ProviderLoad;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import io.onekey.dispatcher.store.memory.InMemoryDeviceStates;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.onekey.dispatcher.supervision.DeviceSupervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import io.onekey.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's hot reads at city scale, 500,000 devices and 60,000 alerts: the silence
 * check, a heartbeat's bookkeeping, the online count a metrics scrape reads, and the alert
 * queue pages and counts the console reads. Each must stay far under a millisecond, since
 * they all run on an event loop. Prints its figures; asserts nothing about time.
 */
@Tag("benchmark")
class CoreIndexBenchmark {

    private static final int DEVICES = 500_000;
    private static final int ALERTS = 60_000;
    private static final int OPEN_ALERTS = 10_000;
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");


    @Test
    void supervisionAndAlertQueueAtCityScale() {
        MutableClock clock = new MutableClock(T0);
        InMemoryDirectory directory = new InMemoryDirectory();
        for (int i = 0; i < DEVICES; i++) {
            directory.putDevice(new Device(String.format("86%013d", i), Protocol.WATCH, DeviceType.WEARABLE, "R" + i, 300));
        }
        InMemoryDeviceStates states = new InMemoryDeviceStates();
        InMemoryAlertStore store = new InMemoryAlertStore();
        AlertChanges changes = new AlertChanges(store, clock);
        ProviderLoad load = new ProviderLoad();
        OfferFlow offers = new OfferFlow(changes, new NearestProviderRouter(directory, 20_000, load::of), directory,
                new IdGenerator("O"), Duration.ofSeconds(30));
        AlertService alerts = new AlertService(changes, directory, states, new AlertPositions(Duration.ofMinutes(10)),
                PriorityRules.defaults(), offers, new IdGenerator("A"));
        DeviceSupervisor supervisor = new DeviceSupervisor(directory, states, alerts, clock, 2.5);

        Percentiles heard = new Percentiles("heartbeat bookkeeping (state + deadlines)");
        Percentiles check = new Percentiles("silence check, nothing due");
        Percentiles online = new Percentiles("online count (metrics scrape)");
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            clock.set(T0.plusSeconds(60L * round));
            for (int i = 0; i < DEVICES; i++) {
                String id = String.format("86%013d", i);
                Heartbeat beat = new Heartbeat(id, Protocol.WATCH, clock.instant(), Optional.empty(), "hb" + round + ":" + i,
                        OptionalInt.of(90), OptionalInt.empty());
                long start = System.nanoTime();
                states.apply(beat);
                supervisor.heard(Protocol.WATCH, id, beat.receivedAt());
                heard.add(System.nanoTime() - start);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            clock.advance(Duration.ofMillis(1));
            long start = System.nanoTime();
            supervisor.check();
            check.add(System.nanoTime() - start);
            start = System.nanoTime();
            supervisor.online();
            online.add(System.nanoTime() - start);
        }

        fill(store, random);
        Percentiles page = new Percentiles("alert queue, first page of 50");
        Percentiles filtered = new Percentiles("alert queue, P1 page of 50");
        Percentiles openCount = new Percentiles("open alert count");
        Percentiles provider = new Percentiles("a provider's live jobs");
        AlertQuery p1 = new AlertQuery(Optional.empty(), Optional.of(Priority.P1), Optional.empty(), 51);
        for (int i = 0; i < 20_000; i++) {
            long start = System.nanoTime();
            store.list(AlertQuery.all(51));
            page.add(System.nanoTime() - start);
            start = System.nanoTime();
            store.list(p1);
            filtered.add(System.nanoTime() - start);
            start = System.nanoTime();
            store.openCount();
            openCount.add(System.nanoTime() - start);
            start = System.nanoTime();
            store.ofProvider("P" + random.nextInt(200));
            provider.add(System.nanoTime() - start);
        }
        System.out.printf("%n== core index benchmark: %,d devices, %,d alerts (%,d open)%n", DEVICES, ALERTS, OPEN_ALERTS);
        for (Percentiles p : List.of(heard, check, online, page, filtered, openCount, provider)) {
            System.out.println(p.line());
        }
    }

    private static void fill(InMemoryAlertStore store, Random random) {
        Priority[] priorities = Priority.values();
        for (int i = 0; i < ALERTS; i++) {
            Instant received = T0.plusSeconds(i);
            Priority priority = priorities[random.nextInt(priorities.length)];
            Offer offer = new Offer("O" + i, "A" + i, "P" + random.nextInt(200), i < OPEN_ALERTS ? OfferState.PENDING
                    : OfferState.ACCEPTED, received, received.plusSeconds(30), 500, null);
            boolean open = i < OPEN_ALERTS;
            Alert alert = new Alert("A" + i, 1, open ? AlertState.DISPATCHED : AlertState.RESOLVED, priority, AlarmKind.SOS,
                    "R" + i, "D" + i, Protocol.WATCH, "raw", null, 1, received, received, AlertFlags.NONE,
                    new AlertTiming(null, received.plusSeconds(60), null, open ? null : received.plusSeconds(900)),
                    List.of(new HistoryEntry(received, "system", "opened", AlertState.NEW, null)), List.of(offer));
            store.save(alert);
        }
    }
}
