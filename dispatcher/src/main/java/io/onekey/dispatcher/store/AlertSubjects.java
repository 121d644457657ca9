package io.onekey.dispatcher.store;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.alert.Alert;

/**
 * Which open alert a new alarm joins: same subject (the resident, or an unassigned device
 * itself) and same kind. Five SOS presses make one alert with five presses; a low battery
 * report does not hide inside an open SOS.
 */
public final class AlertSubjects {

    private AlertSubjects() {
    }

    public static String keyOf(Alert alert) {
        return key(alert.residentId(), alert.protocol(), alert.deviceId(), alert.kind());
    }

    public static String key(String residentId, Protocol protocol, String deviceId, AlarmKind kind) {
        String subject = residentId != null ? "resident:" + residentId : "device:" + protocol + ":" + deviceId;
        return subject + ":" + kind;
    }
}
