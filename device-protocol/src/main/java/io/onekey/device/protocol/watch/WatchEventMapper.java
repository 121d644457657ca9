package io.onekey.device.protocol.watch;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Maps watch messages to device events. Position and alarm frames share one field layout:
 * date, time, A/V, lat, N/S, lon, E/W, speed, course, altitude, satellites, GSM signal,
 * battery %, steps, tumbles, status word, then cell towers and Wi-Fi.
 */
public final class WatchEventMapper {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("ddMMyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    /** Nominal accuracy of a valid GPS fix; watches do not report one. */
    private static final double GPS_ACCURACY_METERS = 15;

    private static final int F_DATE = 0;
    private static final int F_TIME = 1;
    private static final int F_VALID = 2;
    private static final int F_LAT = 3;
    private static final int F_LAT_HEMI = 4;
    private static final int F_LON = 5;
    private static final int F_LON_HEMI = 6;
    private static final int F_GSM = 11;
    private static final int F_BATTERY = 12;
    private static final int F_STATUS = 15;

    private WatchEventMapper() {
    }

    public static List<DeviceEvent> map(WatchMessage message, Instant receivedAt) {
        WatchCommand command = message.command();
        if (command == WatchCommand.LK) {
            return List.of(heartbeat(message, receivedAt));
        }
        if (command.isPosition() || command.isAlarm()) {
            return positionOrAlarms(message, command, receivedAt);
        }
        return List.of();
    }

    private static Heartbeat heartbeat(WatchMessage message, Instant receivedAt) {
        // LK[,steps,tumbles,battery]
        OptionalInt battery = percent(message.field(2));
        return new Heartbeat(message.deviceId(), Protocol.WATCH, receivedAt, Optional.empty(),
                key(message, "LK", Long.toString(receivedAt.toEpochMilli())), battery, OptionalInt.empty());
    }

    private static List<DeviceEvent> positionOrAlarms(WatchMessage message, WatchCommand command, Instant receivedAt) {
        Optional<Instant> deviceTime = deviceTime(message.field(F_DATE), message.field(F_TIME));
        Optional<Position> fix = fix(message, deviceTime.orElse(receivedAt));
        // A retransmission repeats the device's own timestamp; without one, every frame is new.
        String stamp = deviceTime.isPresent() ? message.field(F_DATE) + message.field(F_TIME)
                : Long.toString(receivedAt.toEpochMilli());
        List<DeviceEvent> events = new ArrayList<>(3);
        if (command.isAlarm()) {
            long status = parseStatus(message.field(F_STATUS));
            List<WatchStatusBits.StatusAlarm> alarms = WatchStatusBits.alarms(status);
            if (alarms.isEmpty()) {
                // An alarm frame whose status word names no alarm is still an alarm: never drop it.
                alarms = List.of(new WatchStatusBits.StatusAlarm(AlarmKind.OTHER, -1));
            }
            for (WatchStatusBits.StatusAlarm alarm : alarms) {
                String raw = message.keyword() + ":" + message.field(F_STATUS) + (alarm.bit() >= 0 ? ":bit" + alarm.bit() : "");
                events.add(new Alarm(message.deviceId(), Protocol.WATCH, receivedAt, deviceTime,
                        key(message, alarm.kind().name(), stamp), alarm.kind(), fix, raw, Optional.empty()));
            }
        } else {
            fix.ifPresent(position -> events.add(new Location(message.deviceId(), Protocol.WATCH, receivedAt,
                    deviceTime, key(message, "UD", stamp), position)));
        }
        OptionalInt battery = percent(message.field(F_BATTERY));
        if (battery.isPresent()) {
            events.add(new Heartbeat(message.deviceId(), Protocol.WATCH, receivedAt, deviceTime,
                    key(message, "HB", stamp), battery, percent(message.field(F_GSM))));
        }
        return events;
    }

    /** The fix, if the device marked it valid ('A') and the coordinates parse. */
    static Optional<Position> fix(WatchMessage message, Instant fixTime) {
        if (!"A".equals(message.field(F_VALID))) {
            return Optional.empty();
        }
        try {
            double lat = signed(Double.parseDouble(message.field(F_LAT).trim()), message.field(F_LAT_HEMI), "S");
            double lon = signed(Double.parseDouble(message.field(F_LON).trim()), message.field(F_LON_HEMI), "W");
            if (!Double.isFinite(lat) || !Double.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
                return Optional.empty();
            }
            return Optional.of(new Position(lat, lon, GPS_ACCURACY_METERS, fixTime, PositionSource.GPS));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double signed(double value, String hemisphere, String negative) {
        return negative.equals(hemisphere.trim()) ? -Math.abs(value) : value;
    }

    /** Device clock, read as UTC (the date and time the watch sends, without a zone). */
    static Optional<Instant> deviceTime(String date, String time) {
        try {
            return Optional.of(LocalDate.parse(date, DATE).atTime(LocalTime.parse(time, TIME)).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long parseStatus(String hex) {
        try {
            return Long.parseLong(hex.trim(), 16) & 0xFFFF_FFFFL;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static OptionalInt percent(String value) {
        try {
            int v = Integer.parseInt(value.trim());
            return v >= 0 && v <= 100 ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static String key(WatchMessage message, String what, String stamp) {
        return "WATCH:" + message.deviceId() + ":" + what + ":" + stamp;
    }
}
