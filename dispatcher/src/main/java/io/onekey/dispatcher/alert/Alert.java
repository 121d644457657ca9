package io.onekey.dispatcher.alert;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An alert: one resident's need, from the first press to its resolution. Immutable; each
 * change makes a new version (the version number lets a shared store apply changes atomically).
 *
 * @param residentId  null when the device is not assigned to a resident yet
 * @param receivedAt  when the first frame reached the server (the start of every SLA clock)
 * @param rawCode     the device's own code for the first alarm
 */
public record Alert(
        String id,
        long version,
        AlertState state,
        Priority priority,
        AlarmKind kind,
        String residentId,
        String deviceId,
        Protocol protocol,
        String rawCode,
        AlertPosition position,
        int pressCount,
        Instant receivedAt,
        Instant lastPressAt,
        AlertFlags flags,
        List<HistoryEntry> history,
        List<Offer> offers) {

    public Alert {
        history = List.copyOf(history);
        offers = List.copyOf(offers);
    }

    public Alert withPress(Instant at) {
        return new Alert(id, version + 1, state, priority, kind, residentId, deviceId, protocol, rawCode, position,
                pressCount + 1, receivedAt, at, flags, history, offers);
    }

    public Alert withPosition(AlertPosition newPosition) {
        return new Alert(id, version + 1, state, priority, kind, residentId, deviceId, protocol, rawCode, newPosition,
                pressCount, receivedAt, lastPressAt, flags, history, offers);
    }

    public Alert withState(AlertState newState) {
        return new Alert(id, version + 1, newState, priority, kind, residentId, deviceId, protocol, rawCode, position,
                pressCount, receivedAt, lastPressAt, flags, history, offers);
    }

    public Alert withFlags(AlertFlags newFlags) {
        return new Alert(id, version + 1, state, priority, kind, residentId, deviceId, protocol, rawCode, position,
                pressCount, receivedAt, lastPressAt, newFlags, history, offers);
    }

    public Alert withHistory(HistoryEntry entry) {
        List<HistoryEntry> longer = new ArrayList<>(history);
        longer.add(entry);
        return new Alert(id, version + 1, state, priority, kind, residentId, deviceId, protocol, rawCode, position,
                pressCount, receivedAt, lastPressAt, flags, longer, offers);
    }

    public Alert withOffer(Offer offer) {
        List<Offer> more = new ArrayList<>(offers);
        more.add(offer);
        return new Alert(id, version + 1, state, priority, kind, residentId, deviceId, protocol, rawCode, position,
                pressCount, receivedAt, lastPressAt, flags, history, more);
    }
}
