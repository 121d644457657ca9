package io.onekey.device.protocol.gt06;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps GT06 packets to events: the alarms {@link Gt06AlarmLayouts} finds, with the fix of the
 * GPS block that leads the payload when there is one; a Location when there is no alarm but a
 * fix (from the GPS block, or from the text a device answers a locate command with); and a
 * Heartbeat for every packet, with the battery and signal of its status block.
 */
public final class Gt06EventMapper {

    private static final double GPS_ACCURACY_METERS = 15;

    private Gt06EventMapper() {
    }

    public static List<DeviceEvent> map(Gt06Packet packet, String deviceId, Instant receivedAt) {
        boolean gps = packet.type().hasGps();
        Optional<Instant> deviceTime = gps ? gpsTime(packet) : Optional.empty();
        Optional<Position> fix = gps ? fix(packet, deviceTime.orElse(receivedAt))
                : packet.type().isText() ? Gt06TextPosition.of(packet, receivedAt) : Optional.empty();
        String key = "GT06:" + deviceId + ":" + String.format(Locale.ROOT, "%02X:%04X:", packet.protocol(), packet.serial())
                + deviceTime.map(Instant::toString).orElse(Long.toString(receivedAt.getEpochSecond() / 60));
        Gt06Reading reading = Gt06AlarmLayouts.locate(packet);
        List<DeviceEvent> events = new ArrayList<>(3);
        for (Gt06Alarms.Found alarm : reading.alarms(packet)) {
            events.add(new Alarm(deviceId, Protocol.GT06, receivedAt, deviceTime, key + ":" + alarm.kind(),
                    alarm.kind(), fix, alarm.raw(), Optional.empty()));
        }
        if (events.isEmpty() && fix.isPresent()) {
            events.add(new Location(deviceId, Protocol.GT06, receivedAt, deviceTime, key, fix.get()));
        }
        events.add(new Heartbeat(deviceId, Protocol.GT06, receivedAt, deviceTime, key + ":HB",
                reading.batteryPercent(packet), reading.signal(packet)));
        return events;
    }

    static Optional<Instant> gpsTime(Gt06Packet p) {
        if (p.payload().length < Gt06AlarmLayouts.GPS_BLOCK) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(2000 + p.unsigned(0), p.unsigned(1), p.unsigned(2),
                    p.unsigned(3), p.unsigned(4), p.unsigned(5)).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The fix when the status word says "positioned" (bit 12); bit 10 set is north, bit 11 set is west. */
    static Optional<Position> fix(Gt06Packet p, Instant fixTime) {
        if (p.payload().length < Gt06AlarmLayouts.GPS_BLOCK) {
            return Optional.empty();
        }
        double lat = readUnsignedInt(p, 7) / 1_800_000.0;
        double lon = readUnsignedInt(p, 11) / 1_800_000.0;
        int flags = (p.unsigned(16) << 8) | p.unsigned(17);
        boolean positioned = (flags & (1 << 12)) != 0;
        if (!positioned || lat > 90 || lon > 180 || (lat == 0 && lon == 0)) {
            return Optional.empty();
        }
        if ((flags & (1 << 10)) == 0) {
            lat = -lat;
        }
        if ((flags & (1 << 11)) != 0) {
            lon = -lon;
        }
        return Optional.of(new Position(lat, lon, GPS_ACCURACY_METERS, fixTime, PositionSource.GPS));
    }

    private static long readUnsignedInt(Gt06Packet p, int at) {
        return ((long) p.unsigned(at) << 24) | ((long) p.unsigned(at + 1) << 16) | ((long) p.unsigned(at + 2) << 8) | p.unsigned(at + 3);
    }
}
