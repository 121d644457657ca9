package io.onekey.device.protocol.gt06;

import java.util.Arrays;

/** The GT06 messages OneKey interprets; anything else is {@link #UNKNOWN}: counted, kept alive, answered. */
public enum Gt06MessageType {
    LOGIN(0x01, Layout.NONE),
    LOCATION(0x12, Layout.GPS),
    STATUS(0x13, Layout.STATUS),
    ALARM(0x16, Layout.GPS_STATUS),
    LBS_ALARM(0x19, Layout.STATUS),
    LOCATION_2(0x22, Layout.GPS),
    ALARM_2(0x26, Layout.GPS_STATUS),
    ALARM_3(0x27, Layout.GPS_STATUS),
    UNKNOWN(-1, Layout.NONE);

    /** Which blocks a message carries: a GPS block at the start, a status block at the end. */
    public enum Layout {
        NONE,
        GPS,
        STATUS,
        GPS_STATUS;

        public boolean hasGps() {
            return this == GPS || this == GPS_STATUS;
        }

        public boolean hasStatus() {
            return this == STATUS || this == GPS_STATUS;
        }
    }

    private final int number;
    private final Layout layout;

    Gt06MessageType(int number, Layout layout) {
        this.number = number;
        this.layout = layout;
    }

    public int number() {
        return number;
    }

    public Layout layout() {
        return layout;
    }

    public static Gt06MessageType of(int number) {
        return Arrays.stream(values()).filter(t -> t.number == number).findFirst().orElse(UNKNOWN);
    }
}
