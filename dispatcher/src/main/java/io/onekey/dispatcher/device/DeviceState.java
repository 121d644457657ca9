package io.onekey.dispatcher.device;

import io.onekey.device.event.Position;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** What the dispatcher last heard from a device. */
public record DeviceState(Instant lastSeen, Optional<Position> lastFix, OptionalInt batteryPercent) {

    public static DeviceState firstSeen(Instant at) {
        return new DeviceState(at, Optional.empty(), OptionalInt.empty());
    }
}
