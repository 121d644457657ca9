package io.onekey.dispatcher.alert;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.Position;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.Resident;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Picks the position an alert is raised with: the alarm's own fix; else a wearable's last
 * fix if fresh enough; else the home address. An alarm without a fix is never dropped.
 */
public final class AlertPositions {

    private final Duration maxFixAge;

    public AlertPositions(Duration maxFixAge) {
        this.maxFixAge = maxFixAge;
    }

    public Optional<AlertPosition> choose(Alarm alarm, Device device, Optional<Resident> resident,
                                          Optional<DeviceState> state, Instant now) {
        if (alarm.position().isPresent()) {
            return Optional.of(of(alarm.position().get()));
        }
        Optional<Position> lastFix = state.flatMap(DeviceState::lastFix);
        boolean wearable = device.type() == DeviceType.WEARABLE || resident.isEmpty();
        if (lastFix.isPresent() && wearable
                && Duration.between(lastFix.get().fixTime(), now).compareTo(maxFixAge) <= 0) {
            return Optional.of(of(lastFix.get()));
        }
        if (resident.isPresent()) {
            Resident r = resident.get();
            return Optional.of(new AlertPosition(r.home().lat(), r.home().lon(), AlertPosition.HOME, alarm.receivedAt()));
        }
        return lastFix.map(AlertPositions::of);
    }

    private static AlertPosition of(Position p) {
        return new AlertPosition(p.lat(), p.lon(), p.source().name(), p.fixTime());
    }
}
