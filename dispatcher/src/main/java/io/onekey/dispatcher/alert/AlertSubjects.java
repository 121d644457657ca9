package io.onekey.dispatcher.alert;

import io.onekey.device.event.Protocol;

/**
 * Whose alert it is: the resident's, or for an unassigned device the device's own. New
 * alarms of a subject merge into its open alert of the same kind; a cancel reaches all of them.
 */
public final class AlertSubjects {

    private AlertSubjects() {
    }

    public static String of(Alert alert) {
        return of(alert.residentId(), alert.protocol(), alert.deviceId());
    }

    public static String of(String residentId, Protocol protocol, String deviceId) {
        return residentId != null ? "resident:" + residentId : "device:" + protocol + ":" + deviceId;
    }

    /**
     * Which open alerts are one: alerts of the same subject and kind merge (one SOS per resident
     * however often pressed), except that each silent device of a resident has its own offline alert.
     */
    public static String mergeKey(Alert alert) {
        String key = of(alert) + "|" + alert.kind();
        return alert.kind() == io.onekey.device.event.AlarmKind.TERMINAL_OFFLINE ? key + "|" + alert.deviceId() : key;
    }
}
