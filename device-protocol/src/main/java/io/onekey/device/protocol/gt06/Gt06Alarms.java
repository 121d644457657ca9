package io.onekey.device.protocol.gt06;

import io.onekey.device.event.AlarmKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alarm codes of GT06 packets. A status block reports alarms in two places, bits 3–5 of
 * the terminal-info byte and the alarm byte; both are decoded, the same kind from both counts
 * once. A 0x95 packet reports one event byte. A code with no kind of its own is raised as OTHER
 * with the raw code: nothing a device calls an alarm is dropped.
 */
final class Gt06Alarms {

    record Found(AlarmKind kind, String raw) {
    }

    private Gt06Alarms() {
    }

    static List<Found> decode(int terminalInfo, int alarmByte) {
        List<Found> found = new ArrayList<>(2);
        String infoRaw = String.format(Locale.ROOT, "GT06:info=0x%02X", terminalInfo);
        switch ((terminalInfo >> 3) & 0x07) {
            case 4 -> add(found, AlarmKind.SOS, infoRaw);
            case 2 -> add(found, AlarmKind.POWER_LOSS, infoRaw);
            case 3 -> add(found, AlarmKind.LOW_BATTERY, infoRaw);
            // 1 is vibration, 7 the pendant taken off: for a resident's device both mean "look".
            case 1, 7 -> add(found, AlarmKind.TAMPER, infoRaw);
            default -> { }
        }
        String alarmRaw = String.format(Locale.ROOT, "GT06:alarm=0x%02X", alarmByte);
        switch (alarmByte) {
            case 0x00, 0x04, 0x05, 0x06 -> { } // none; geofence enter/exit and overspeed are the server's business
            case 0x01 -> add(found, AlarmKind.SOS, alarmRaw);
            case 0x02 -> add(found, AlarmKind.POWER_LOSS, alarmRaw);
            // vibration, displacement, the case opened (0x0C as the reference decoder reads it), tampering
            case 0x03, 0x09, 0x0C, 0x13 -> add(found, AlarmKind.TAMPER, alarmRaw);
            case 0x0E, 0x0F, 0x19 -> add(found, AlarmKind.LOW_BATTERY, alarmRaw);
            case 0x23 -> add(found, AlarmKind.FALL, alarmRaw);
            default -> add(found, AlarmKind.OTHER, alarmRaw);
        }
        // SOS first: it is the one that must never wait behind another.
        found.sort((a, b) -> Boolean.compare(b.kind() == AlarmKind.SOS, a.kind() == AlarmKind.SOS));
        return found;
    }

    /**
     * The event of a 0x95 alarm packet. 0x01 is SOS when it comes with a position (the extended
     * form); the short form's 0x01 is a general alarm, raised as OTHER like every event without
     * a kind of its own (acceleration, braking, accident, video events...).
     */
    static Found event(int event, boolean extended) {
        String raw = String.format(Locale.ROOT, "GT06:event=0x%02X", event);
        AlarmKind kind = switch (event) {
            case 0x01 -> extended ? AlarmKind.SOS : AlarmKind.OTHER;
            case 0x0E -> AlarmKind.LOW_BATTERY;
            case 0x80 -> AlarmKind.TAMPER;
            case 0x88 -> AlarmKind.POWER_LOSS;
            default -> AlarmKind.OTHER;
        };
        return new Found(kind, raw);
    }

    private static void add(List<Found> found, AlarmKind kind, String raw) {
        if (found.stream().noneMatch(f -> f.kind() == kind)) {
            found.add(new Found(kind, raw));
        }
    }
}
