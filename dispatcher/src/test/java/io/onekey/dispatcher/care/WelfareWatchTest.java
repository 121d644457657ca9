package io.onekey.dispatcher.care;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.store.memory.InMemoryCareStore;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.onekey.testing.MutableClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A resident silent for too long, or who misses the daily check-in, gets a welfare check; heartbeats prove nothing. */
class WelfareWatchTest {

    private static final Instant START = Instant.parse("2026-11-30T06:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryCareStore store = new InMemoryCareStore();
    private final List<String> raised = new ArrayList<>();

    WelfareWatchTest() {
        directory.putResident(new Resident("R1", "Wang Fang", "12 Lotus Lane", new GeoPoint(30.27, 120.15), null,
                List.of(), List.of()));
        directory.putDevice(new Device("W1", Protocol.WATCH, DeviceType.WEARABLE, "R1", 300));
        directory.putResident(new Resident("R2", "No Device", "3 Willow Road", new GeoPoint(30.28, 120.15), null,
                List.of(), List.of()));
    }

    private WelfareWatch watch(Optional<Duration> silence, Optional<LocalTime> checkInBy) {
        return new WelfareWatch(store, directory, clock, new WelfareWatch.Settings(silence, checkInBy, ZoneId.of("UTC")),
                (device, note) -> {
                    raised.add(device.id() + ": " + note);
                    return Future.succeededFuture();
                });
    }

    private static void done(Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Heartbeat heartbeat() {
        return new Heartbeat("W1", Protocol.WATCH, clock.instant(), Optional.empty(), "h" + clock.millis(), OptionalInt.of(80),
                OptionalInt.empty());
    }

    private Location at(double lat) {
        return new Location("W1", Protocol.WATCH, clock.instant(), Optional.empty(), "l" + clock.millis(),
                new Position(lat, 120.15, 10, clock.instant(), PositionSource.GPS));
    }

    private Alarm press(AlarmKind kind) {
        return new Alarm("W1", Protocol.WATCH, clock.instant(), Optional.empty(), "a" + clock.millis(), kind, Optional.empty(),
                "AL", Optional.empty());
    }

    @Test
    void aResidentSilentForTheConfiguredTimeGetsOneWelfareCheckAndHeartbeatsDoNotCount() {
        WelfareWatch watch = watch(Optional.of(Duration.ofHours(24)), Optional.empty());
        done(watch.check());
        clock.advance(Duration.ofHours(23));
        watch.heard(heartbeat());
        watch.heard(at(30.27));
        watch.heard(at(30.27001)); // drift of a metre: not a movement
        done(watch.check());
        assertEquals(List.of(), raised);
        clock.advance(Duration.ofHours(1));
        done(watch.check());
        assertEquals(1, raised.size());
        assertTrue(raised.get(0).startsWith("W1: welfare check: no press, movement or check-in for 24 h"), raised.get(0));
        clock.advance(Duration.ofHours(30));
        done(watch.check());
        assertEquals(1, raised.size(), "one alert per silence");
    }

    @Test
    void aMovementOrAPressRestartsTheSilence() {
        WelfareWatch watch = watch(Optional.of(Duration.ofHours(24)), Optional.empty());
        done(watch.check());
        clock.advance(Duration.ofHours(20));
        watch.heard(at(30.27));
        watch.heard(at(30.272));
        clock.advance(Duration.ofHours(20));
        done(watch.check());
        assertEquals(List.of(), raised, "moved 220 m four hours ago");
        watch.heard(press(AlarmKind.CANCEL));
        clock.advance(Duration.ofHours(23));
        done(watch.check());
        assertEquals(List.of(), raised);
    }

    @Test
    void theSilenceIsRememberedAcrossARestart() {
        WelfareWatch first = watch(Optional.of(Duration.ofHours(24)), Optional.empty());
        done(first.check());
        clock.advance(Duration.ofHours(20));
        WelfareWatch afterRestart = watch(Optional.of(Duration.ofHours(24)), Optional.empty());
        clock.advance(Duration.ofHours(5));
        done(afterRestart.check());
        assertEquals(1, raised.size(), "25 h of silence, 20 of them before the restart");
    }

    @Test
    void aMissedDailyCheckInRaisesAWelfareCheckOncePerDay() {
        WelfareWatch watch = watch(Optional.empty(), Optional.of(LocalTime.of(10, 0)));
        clock.set(Instant.parse("2026-11-30T08:00:00Z"));
        watch.heard(press(AlarmKind.CANCEL));
        clock.set(Instant.parse("2026-11-30T10:30:00Z"));
        done(watch.check());
        assertEquals(List.of(), raised, "pressed at 08:00 today");
        clock.set(Instant.parse("2026-12-01T09:59:00Z"));
        done(watch.check());
        assertEquals(List.of(), raised, "not yet 10:00");
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        done(watch.check());
        assertEquals(List.of("W1: welfare check: no check-in press by 10:00 today"), raised);
        clock.advance(Duration.ofHours(1));
        done(watch.check());
        assertEquals(1, raised.size());
    }

    /** A node that held the care clock, lost it for a day and gets it back before today's check-in time. */
    @Test
    void aCheckBeforeTheCheckInTimeDoesNotSkipTodaysCheckIn() {
        WelfareWatch watch = watch(Optional.empty(), Optional.of(LocalTime.of(10, 0)));
        clock.set(Instant.parse("2026-11-30T08:00:00Z"));
        watch.heard(press(AlarmKind.CANCEL));
        clock.set(Instant.parse("2026-11-30T10:30:00Z"));
        done(watch.check());
        clock.set(Instant.parse("2026-12-02T07:00:00Z")); // no check on 1 December here: another node had the clock
        done(watch.check());
        assertEquals(List.of(), raised, "not yet 10:00 today");
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        done(watch.check());
        assertEquals(List.of("W1: welfare check: no check-in press by 10:00 today"), raised);
    }

    @Test
    void aCheckWalksTheDevicesOnceNotOncePerResident() {
        // A city has hundreds of thousands of residents: one scan of the devices per resident on
        // every tick blocked the dispatcher's event loop for seconds.
        for (int i = 0; i < 200; i++) {
            directory.putResident(new Resident("RX" + i, "Resident " + i, i + " Plum Street", new GeoPoint(30.27, 120.15), null,
                    List.of(), List.of()));
            directory.putDevice(new Device("D" + i, Protocol.WATCH, DeviceType.HOME_TERMINAL, "RX" + i, 300));
        }
        java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
        WelfareWatch watch = new WelfareWatch(store, counting("devices", scans), clock,
                new WelfareWatch.Settings(Optional.of(Duration.ofHours(24)), Optional.empty(), ZoneId.of("UTC")),
                (device, note) -> {
                    raised.add(device.id() + ": " + note);
                    return Future.succeededFuture();
                });
        done(watch.check());
        clock.advance(Duration.ofHours(25));
        done(watch.check());
        assertEquals(2, scans.get(), "one pass over the devices per check");
        assertEquals(201, raised.size(), "every silent resident with a device still gets its welfare check: " + raised.size());
    }

    @Test
    void aCheckWithNothingDueReadsNoResidentAndTheResidentsAreReadAgainEveryTenMinutes() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        WelfareWatch watch = new WelfareWatch(store, counting("residents", reads), clock,
                new WelfareWatch.Settings(Optional.of(Duration.ofHours(24)), Optional.empty(), ZoneId.of("UTC")),
                (device, note) -> Future.succeededFuture());
        done(watch.check());
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofMinutes(1));
            done(watch.check());
        }
        assertEquals(1, reads.get(), "ticks with nothing due look at no resident");
        clock.advance(Duration.ofMinutes(1));
        done(watch.check());
        assertEquals(2, reads.get(), "read again after " + WelfareWatch.READ_RESIDENTS_EVERY + ": residents added meanwhile");
    }

    /** On a shared store every dispatcher hears some of the events, and only the one holding the care clock checks. */
    @Test
    void aSignOfLifeHeardByAnotherDispatcherCountsBeforeAWelfareCheckIsRaised() {
        WelfareWatch checking = watch(Optional.of(Duration.ofHours(24)), Optional.empty());
        WelfareWatch other = watch(Optional.of(Duration.ofHours(24)), Optional.empty());
        done(checking.check());
        clock.advance(Duration.ofHours(23).plusMinutes(55));
        done(checking.check()); // reads every resident: R1's silence is due at START + 24 h
        clock.advance(Duration.ofMinutes(1));
        other.heard(press(AlarmKind.CANCEL));
        done(other.saveHeard());
        clock.advance(Duration.ofMinutes(4)); // 24 h after START, not yet time to read every resident again
        done(checking.check());
        assertEquals(List.of(), raised, "pressed 4 minutes ago, on the other dispatcher");
        clock.advance(Duration.ofHours(24));
        done(checking.check());
        assertEquals(1, raised.size(), "24 h after that press: " + raised);
    }

    /** The directory, counting the calls of one of its methods. */
    private io.onekey.dispatcher.directory.Directory counting(String methodName, java.util.concurrent.atomic.AtomicInteger calls) {
        return (io.onekey.dispatcher.directory.Directory) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.onekey.dispatcher.directory.Directory.class}, (proxy, method, args) -> {
                    if (method.getName().equals(methodName)) {
                        calls.incrementAndGet();
                    }
                    try {
                        return method.invoke(directory, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
