package io.onekey.dispatcher.device;

import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.Position;
import io.onekey.device.event.Protocol;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Liveness, last position and battery of every device heard from. Written by the dispatcher's
 * consumer, read by the API and the summary.
 */
public final class DeviceStates {

    private record Key(Protocol protocol, String id) {
    }

    private final ConcurrentMap<Key, DeviceState> states = new ConcurrentHashMap<>();

    public void apply(DeviceEvent event) {
        states.compute(new Key(event.protocol(), event.deviceId()), (key, old) -> {
            DeviceState current = old == null ? DeviceState.firstSeen(event.receivedAt()) : old;
            Instant lastSeen = max(current.lastSeen(), event.receivedAt());
            Optional<Position> fix = newerFix(current.lastFix(), fixOf(event));
            OptionalInt battery = event instanceof Heartbeat hb && hb.batteryPercent().isPresent()
                    ? hb.batteryPercent() : current.batteryPercent();
            return new DeviceState(lastSeen, fix, battery);
        });
    }

    public Optional<DeviceState> get(Protocol protocol, String deviceId) {
        return Optional.ofNullable(states.get(new Key(protocol, deviceId)));
    }


    private static Optional<Position> fixOf(DeviceEvent event) {
        if (event instanceof Location location) {
            return Optional.of(location.position());
        }
        if (event instanceof Alarm alarm) {
            return alarm.position();
        }
        return Optional.empty();
    }

    /** Devices replay buffered fixes: an older fix never replaces a newer one. */
    private static Optional<Position> newerFix(Optional<Position> current, Optional<Position> candidate) {
        if (candidate.isEmpty()) {
            return current;
        }
        if (current.isEmpty() || !candidate.get().fixTime().isBefore(current.get().fixTime())) {
            return candidate;
        }
        return current;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
