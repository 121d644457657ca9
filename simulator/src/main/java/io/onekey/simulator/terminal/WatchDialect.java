package io.onekey.simulator.terminal;

import io.onekey.simulator.town.Town;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** A 2G/4G watch or pendant speaking the watch protocol: LK heartbeats, AL alarms. */
final class WatchDialect implements Dialect {

    private final Random random;

    WatchDialect(Random random) {
        this.random = random;
    }

    @Override
    public byte[] hello(Town.Device device, int serial) {
        return null;
    }

    @Override
    public byte[] heartbeat(Town.Device device, Instant now, int serial) {
        return bytes(WatchTerminalFrames.heartbeat(device.id(), battery()));
    }

    @Override
    public byte[] sos(Town.Device device, Instant now, double lat, double lon, boolean withFix, int serial) {
        return bytes(WatchTerminalFrames.alarm(device.id(), now.atZone(ZoneOffset.UTC), lat, lon, withFix, battery(),
                WatchTerminalFrames.SOS_STATUS));
    }

    @Override
    public byte answerEnd() {
        return ']';
    }

    private int battery() {
        return 40 + random.nextInt(60);
    }

    private static byte[] bytes(String frame) {
        return frame.getBytes(StandardCharsets.ISO_8859_1);
    }
}
