package io.onekey.dispatcher.supervision;

import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches that every assigned device is heard from: silent for longer than its heartbeat
 * interval times the tolerance, it gets a P2 "terminal offline" alert, which resolves itself
 * (with a history entry) when the device is heard again. A device never heard since the
 * server started is given the same grace from the start.
 */
public final class DeviceSupervisor {

    private record Key(Protocol protocol, String id) {
    }

    /**
     * At most this many offline alerts are raised per scan, so that a network outage silencing
     * thousands of terminals at once never holds the dispatcher (and an SOS) for long; the rest
     * follow in the next scans.
     */
    private static final int MAX_RAISED_PER_SCAN = 200;

    /** A scan walks every device: a few times a minute is enough for silences of minutes. */
    private static final Duration SCAN_EVERY = Duration.ofSeconds(5);

    private final Directory directory;
    private final DeviceStates states;
    private final AlertService alerts;
    private final Clock clock;
    private final double tolerance;
    private final Instant startedAt;
    private final Set<Key> offline = ConcurrentHashMap.newKeySet();
    private Instant lastScan = Instant.MIN;

    public DeviceSupervisor(Directory directory, DeviceStates states, AlertService alerts, Clock clock, double tolerance) {
        this.directory = directory;
        this.states = states;
        this.alerts = alerts;
        this.clock = clock;
        this.tolerance = tolerance;
        this.startedAt = clock.instant();
    }

    /** Raises an offline alert for each assigned device silent too long (once per silence). */
    public Future<Void> check() {
        Instant now = clock.instant();
        if (now.isBefore(lastScan.plus(SCAN_EVERY))) {
            return Future.succeededFuture();
        }
        lastScan = now;
        List<Device> silent = new ArrayList<>();
        for (Device device : directory.devices()) {
            if (!device.assigned() || offline.contains(new Key(device.protocol(), device.id()))) {
                continue;
            }
            Instant lastSeen = states.get(device.protocol(), device.id()).map(DeviceState::lastSeen).orElse(startedAt);
            Duration allowed = Duration.ofMillis((long) (device.heartbeatIntervalSeconds() * 1000L * tolerance));
            if (lastSeen.plus(allowed).isBefore(now)) {
                silent.add(device);
                if (silent.size() == MAX_RAISED_PER_SCAN) {
                    break;
                }
            }
        }
        Future<Void> chain = Future.succeededFuture();
        for (Device device : silent) {
            offline.add(new Key(device.protocol(), device.id()));
            Instant lastSeen = states.get(device.protocol(), device.id()).map(DeviceState::lastSeen).orElse(null);
            String note = lastSeen == null ? "not heard from since the server started"
                    : "silent since " + lastSeen + " (expected every " + device.heartbeatIntervalSeconds() + " s)";
            chain = chain.compose(v -> alerts.raise(AlarmKind.TERMINAL_OFFLINE, device, Optional.empty(), note).mapEmpty());
        }
        return chain;
    }

    /** A device was heard: if it was offline, its alert resolves itself. */
    public Future<Void> heard(Protocol protocol, String deviceId) {
        if (!offline.remove(new Key(protocol, deviceId))) {
            return Future.succeededFuture();
        }
        return directory.device(protocol, deviceId).map(alerts::resolveOffline).orElse(Future.succeededFuture());
    }
}
