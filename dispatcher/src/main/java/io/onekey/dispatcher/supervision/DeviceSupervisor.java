package io.onekey.dispatcher.supervision;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.flow.DeadlineIndex;
import io.onekey.dispatcher.flow.OneByOne;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Watches that every assigned device is heard from: silent for longer than its heartbeat
 * interval times the tolerance, it gets a P2 "terminal offline" alert, which resolves itself
 * (with a history entry) when the device is heard again. A device never heard since the
 * server started is given the same grace from the start.
 *
 * <p>Each device's silence deadline sits in a {@link DeadlineIndex}: a heartbeat moves it, a
 * check takes only the devices whose deadline has passed. The count of devices online (heard
 * within twice their interval) is kept the same way, so neither the check nor a metrics
 * scrape ever walks the directory.
 */
public final class DeviceSupervisor {

    private record Key(Protocol protocol, String id) {
    }

    /**
     * At most this many offline alerts are raised per check, so that a network outage silencing
     * thousands of terminals at once never holds the dispatcher (and an SOS) for long; the rest
     * follow in the next checks.
     */
    private static final int MAX_RAISED_PER_CHECK = 200;

    private final Directory directory;
    private final DeviceStates states;
    private final AlertService alerts;
    private final Clock clock;
    private final double tolerance;
    private final DeadlineIndex<Key> silence = new DeadlineIndex<>();
    private final DeadlineIndex<Key> online = new DeadlineIndex<>();
    private final Set<Key> offline = ConcurrentHashMap.newKeySet();

    public DeviceSupervisor(Directory directory, DeviceStates states, AlertService alerts, Clock clock, double tolerance) {
        this.directory = directory;
        this.states = states;
        this.alerts = alerts;
        this.clock = clock;
        this.tolerance = tolerance;
        Instant startedAt = clock.instant();
        for (Device device : directory.devices()) {
            track(device, startedAt);
        }
        directory.listen((device, present) -> {
            if (present) {
                track(device, clock.instant());
            } else {
                Key key = keyOf(device);
                silence.cancel(key);
                online.cancel(key);
                offline.remove(key);
            }
        });
    }

    /** Starts (or restarts, after a change of interval) the watch of a device, from its last sign of life. */
    private void track(Device device, Instant notBefore) {
        Key key = keyOf(device);
        if (!device.assigned()) {
            silence.cancel(key);
            return;
        }
        Instant last = states.get(device.protocol(), device.id()).map(DeviceState::lastSeen)
                .filter(seen -> seen.isAfter(notBefore)).orElse(notBefore);
        silence.schedule(key, last.plus(allowedSilence(device)));
    }

    private static Key keyOf(Device device) {
        return new Key(device.protocol(), device.id());
    }

    private Duration allowedSilence(Device device) {
        return Duration.ofMillis((long) (device.heartbeatIntervalSeconds() * 1000L * tolerance));
    }

    /** Raises an offline alert for each assigned device silent too long (once per silence). */
    public Future<Void> check() {
        Instant now = clock.instant();
        List<Key> due = silence.takeDue(now, MAX_RAISED_PER_CHECK);
        List<Supplier<Future<?>>> raises = new ArrayList<>();
        for (Key key : due) {
            Optional<Device> device = directory.device(key.protocol(), key.id()).filter(Device::assigned);
            if (device.isEmpty() || !offline.add(key)) {
                continue;
            }
            Instant lastSeen = states.get(key.protocol(), key.id()).map(DeviceState::lastSeen).orElse(null);
            String note = lastSeen == null ? "not heard from since the server started"
                    : "silent since " + lastSeen + " (expected every " + device.get().heartbeatIntervalSeconds() + " s)";
            raises.add(() -> alerts.raise(AlarmKind.TERMINAL_OFFLINE, device.get(), Optional.empty(), note));
        }
        return OneByOne.steps(raises);
    }

    /** A device was heard: its deadlines move on, and if it was offline, its alert resolves itself. */
    public Future<Void> heard(Protocol protocol, String deviceId, Instant receivedAt) {
        // A late, buffered event never moves the deadlines back.
        Instant at = states.get(protocol, deviceId).map(DeviceState::lastSeen)
                .filter(seen -> seen.isAfter(receivedAt)).orElse(receivedAt);
        Key key = new Key(protocol, deviceId);
        Optional<Device> device = directory.device(protocol, deviceId);
        if (device.isPresent()) {
            Duration interval = Duration.ofSeconds(device.get().heartbeatIntervalSeconds());
            online.schedule(key, at.plus(interval.multipliedBy(2)));
            if (device.get().assigned()) {
                silence.schedule(key, at.plus(allowedSilence(device.get())));
            }
        }
        if (!offline.remove(key)) {
            return Future.succeededFuture();
        }
        return device.map(alerts::resolveOffline).orElse(Future.succeededFuture());
    }

    /** At start: this device's offline alert is still open, so hearing it again resolves that alert. */
    public void alreadyOffline(Protocol protocol, String deviceId) {
        offline.add(new Key(protocol, deviceId));
    }

    /** Registered devices heard within twice their heartbeat interval. */
    public long online() {
        return online.expireAndCount(clock.instant());
    }
}
