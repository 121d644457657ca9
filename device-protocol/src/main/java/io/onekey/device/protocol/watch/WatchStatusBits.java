package io.onekey.device.protocol.watch;

import io.onekey.device.event.AlarmKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The 32-bit status word of {@code UD}/{@code AL} frames. Every set bit is decoded: one
 * frame may carry an SOS and a low battery at once, and both must come out.
 */
public final class WatchStatusBits {

    /** One alarm found in the status word, with the bit that raised it (for the raw code). */
    public record StatusAlarm(AlarmKind kind, int bit) {
    }

    private WatchStatusBits() {
    }

    public static List<StatusAlarm> alarms(long status) {
        List<StatusAlarm> alarms = new ArrayList<>(2);
        // SOS first: it is the one that must never wait behind another.
        addIfSet(alarms, status, 16, AlarmKind.SOS);
        addIfSet(alarms, status, 21, AlarmKind.FALL);
        addIfSet(alarms, status, 22, AlarmKind.FALL);
        addIfSet(alarms, status, 1, AlarmKind.GEOFENCE_EXIT);
        addIfSet(alarms, status, 18, AlarmKind.GEOFENCE_EXIT);
        addIfSet(alarms, status, 14, AlarmKind.POWER_LOSS);
        // The wearable taken off: for a resident who relies on it, as serious as tampering.
        addIfSet(alarms, status, 20, AlarmKind.TAMPER);
        addIfSet(alarms, status, 0, AlarmKind.LOW_BATTERY);
        addIfSet(alarms, status, 17, AlarmKind.LOW_BATTERY);
        return dedupKinds(alarms);
    }

    private static void addIfSet(List<StatusAlarm> alarms, long status, int bit, AlarmKind kind) {
        if ((status & (1L << bit)) != 0) {
            alarms.add(new StatusAlarm(kind, bit));
        }
    }

    /** Two bits meaning the same thing (0 and 17 are both low battery) give one alarm. */
    private static List<StatusAlarm> dedupKinds(List<StatusAlarm> alarms) {
        List<StatusAlarm> unique = new ArrayList<>(alarms.size());
        for (StatusAlarm alarm : alarms) {
            if (unique.stream().noneMatch(u -> u.kind() == alarm.kind())) {
                unique.add(alarm);
            }
        }
        return unique;
    }
}
