package io.onekey.dispatcher.alert;

import io.onekey.device.event.Alarm;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.store.AlertStore;
import io.onekey.dispatcher.store.AlertSubjects;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns an alarm into an alert: a new one, or one more press on the subject's open alert of
 * the same kind.
 */
public final class AlarmIntake {

    /** The alert after the alarm, and whether the alarm opened it. */
    public record Outcome(Alert alert, boolean opened) {
    }

    private final Directory directory;
    private final DeviceStates deviceStates;
    private final AlertStore alerts;
    private final AlertPositions positions;
    private final IdGenerator ids;
    private final Clock clock;

    public AlarmIntake(Directory directory, DeviceStates deviceStates, AlertStore alerts,
                       AlertPositions positions, IdGenerator ids, Clock clock) {
        this.directory = directory;
        this.deviceStates = deviceStates;
        this.alerts = alerts;
        this.positions = positions;
        this.ids = ids;
        this.clock = clock;
    }

    public Future<Outcome> accept(Alarm alarm) {
        Device device = directory.device(alarm.protocol(), alarm.deviceId())
                .orElseGet(() -> Device.unassigned(alarm.protocol(), alarm.deviceId()));
        String subject = AlertSubjects.key(device.residentId(), alarm.protocol(), alarm.deviceId(), alarm.kind());
        return alerts.openFor(subject).compose(open -> open.isPresent()
                ? merge(open.get(), alarm)
                : open(alarm, device));
    }

    private Future<Outcome> merge(Alert open, Alarm alarm) {
        Alert merged = open.withPress(alarm.receivedAt())
                .withHistory(new HistoryEntry(alarm.receivedAt(), HistoryEntry.SYSTEM, "press", open.state(),
                        "press " + (open.pressCount() + 1) + " from device " + alarm.deviceId()));
        if (alarm.position().isPresent()) {
            merged = merged.withPosition(new AlertPosition(alarm.position().get().lat(), alarm.position().get().lon(),
                    alarm.position().get().source().name(), alarm.position().get().fixTime()));
        }
        Alert result = merged;
        return alerts.save(result).map(v -> new Outcome(result, false));
    }

    private Future<Outcome> open(Alarm alarm, Device device) {
        Instant now = clock.instant();
        Optional<Resident> resident = directory.resident(device.residentId());
        Optional<AlertPosition> position = positions.choose(alarm, device, resident,
                deviceStates.get(alarm.protocol(), alarm.deviceId()), now);
        String note = resident.isPresent() ? null : "device " + alarm.deviceId() + " is not assigned to a resident";
        Alert alert = new Alert(ids.next(), 1, AlertState.NEW, Priority.of(alarm.kind()), alarm.kind(),
                device.residentId(), alarm.deviceId(), alarm.protocol(), alarm.rawCode(), position.orElse(null), 1,
                alarm.receivedAt(), alarm.receivedAt(), AlertFlags.NONE,
                List.of(new HistoryEntry(now, HistoryEntry.SYSTEM, "opened", AlertState.NEW, note)), List.of());
        return alerts.save(alert).map(v -> new Outcome(alert, true));
    }
}
