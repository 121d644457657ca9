package io.onekey.simulator.terminal;

import io.onekey.device.protocol.watch.WatchFrames;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** The frames a simulated watch sends, built as real devices build them. */
public final class WatchTerminalFrames {

    private static final String MAKER = "SG";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("ddMMyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    public static final String SOS_STATUS = "00010000";

    private WatchTerminalFrames() {
    }

    public static String heartbeat(String deviceId, int battery) {
        return WatchFrames.format(MAKER, deviceId, Optional.empty(), "LK,0,0," + battery);
    }

    /** The acknowledgement of a server command: the command's keyword echoed. */
    public static String acknowledgement(String deviceId, String keyword) {
        return WatchFrames.format(MAKER, deviceId, Optional.empty(), keyword);
    }

    /** A UD position report with a valid fix, as a watch sends it after {@code CR}. */
    public static String position(String deviceId, ZonedDateTime at, double lat, double lon, int battery) {
        ZonedDateTime utc = at.withZoneSameInstant(ZoneOffset.UTC);
        String content = String.format(Locale.ROOT, "UD,%s,%s,A,%.6f,%s,%.6f,%s,0.00,0,0,7,80,%d,0,0,00000000,0,0,0",
                DATE.format(utc), TIME.format(utc), Math.abs(lat), lat < 0 ? "S" : "N", Math.abs(lon), lon < 0 ? "W" : "E",
                battery);
        return WatchFrames.format(MAKER, deviceId, Optional.empty(), content);
    }

    /** An AL frame; {@code withFix} false sends 'V' and zeros, as a watch indoors does. */
    public static String alarm(String deviceId, ZonedDateTime at, double lat, double lon, boolean withFix,
                               int battery, String status) {
        ZonedDateTime utc = at.withZoneSameInstant(ZoneOffset.UTC);
        String position = withFix
                ? String.format(Locale.ROOT, "A,%.6f,%s,%.6f,%s", Math.abs(lat), lat < 0 ? "S" : "N", Math.abs(lon), lon < 0 ? "W" : "E")
                : "V,0.000000,N,0.000000,E";
        String content = String.format(Locale.ROOT, "AL,%s,%s,%s,0.00,0,0,%d,80,%d,0,0,%s,0,0,0",
                DATE.format(utc), TIME.format(utc), position, withFix ? 7 : 0, battery, status);
        return WatchFrames.format(MAKER, deviceId, Optional.empty(), content);
    }
}
