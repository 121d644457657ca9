package io.onekey.dispatcher.device;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** What the dispatcher last heard from a device. */
public record DeviceState(Instant lastSeen, Optional<Position> lastFix, OptionalInt batteryPercent) {

    public static DeviceState firstSeen(Instant at) {
        return new DeviceState(at, Optional.empty(), OptionalInt.empty());
    }

    /** The state after an event; {@code current} may be null for a device never heard before. */
    public static DeviceState after(DeviceState current, DeviceEvent event) {
        DeviceState base = current == null ? firstSeen(event.receivedAt()) : current;
        Instant lastSeen = base.lastSeen().isAfter(event.receivedAt()) ? base.lastSeen() : event.receivedAt();
        Optional<Position> fix = newerFix(base.lastFix(), fixOf(event));
        OptionalInt battery = event instanceof Heartbeat hb && hb.batteryPercent().isPresent()
                ? hb.batteryPercent() : base.batteryPercent();
        return new DeviceState(lastSeen, fix, battery);
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
}
