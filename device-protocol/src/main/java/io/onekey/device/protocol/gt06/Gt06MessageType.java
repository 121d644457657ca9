package io.onekey.device.protocol.gt06;

import java.util.Arrays;

/**
 * The GT06 messages OneKey interprets; anything else is {@link #UNKNOWN}: counted, kept alive,
 * answered. Where a message's alarms are, layout by layout, is {@link Gt06AlarmLayouts}' job.
 */
public enum Gt06MessageType {
    LOGIN(0x01, false),
    LOCATION(0x12, true),
    STATUS(0x13, false),
    ALARM(0x16, true),
    /** A text from the device, usually its answer to a command: a fix when it carries one (see {@link Gt06TextPosition}). */
    STRING_INFO(0x15, false),
    LBS_ALARM(0x19, false),
    /** The same in an extended (79 79) packet, with an encoding byte before the text. */
    STRING_INFO_EXTENDED(0x21, false),
    LOCATION_2(0x22, true),
    ALARM_2(0x26, true),
    ALARM_3(0x27, true),
    LBS_WIFI(0x2C, false),
    INFORMATION(0x94, false),
    EVENT_ALARM(0x95, false),
    ALARM_4G(0xA4, true),
    LBS_ALARM_4G(0xA5, false),
    UNKNOWN(-1, false);

    private final int number;
    private final boolean gps;

    Gt06MessageType(int number, boolean gps) {
        this.number = number;
        this.gps = gps;
    }

    public int number() {
        return number;
    }

    /** Whether the payload opens with the GPS block (date, satellites, lat, lon, speed, course/status). */
    public boolean hasGps() {
        return gps;
    }

    public boolean isText() {
        return this == STRING_INFO || this == STRING_INFO_EXTENDED;
    }

    public static Gt06MessageType of(int number) {
        return Arrays.stream(values()).filter(t -> t.number == number).findFirst().orElse(UNKNOWN);
    }
}
