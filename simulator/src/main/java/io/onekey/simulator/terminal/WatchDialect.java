package io.onekey.simulator.terminal;

import io.onekey.device.command.DeviceCommand;
import io.onekey.simulator.town.Town;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A 2G/4G watch or pendant speaking the watch protocol: LK heartbeats, AL alarms, CR and FIND obeyed. */
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

    @Override
    public List<DeviceCommand> commandsIn(byte[] received) {
        // Commands come as [MM*id*LLLL*CR] or [MM*id*LLLL*FIND], between the answers.
        String text = new String(received, StandardCharsets.ISO_8859_1);
        List<DeviceCommand> commands = new ArrayList<>(1);
        for (String frame : text.split("]")) {
            if (frame.endsWith("*CR")) {
                commands.add(DeviceCommand.LOCATE);
            } else if (frame.endsWith("*FIND")) {
                commands.add(DeviceCommand.RING);
            }
        }
        return commands;
    }

    @Override
    public List<byte[]> answer(DeviceCommand command, Town.Device device, Instant now, double lat, double lon, int serial) {
        return switch (command) {
            case LOCATE -> List.of(bytes(WatchTerminalFrames.acknowledgement(device.id(), "CR")),
                    bytes(WatchTerminalFrames.position(device.id(), now.atZone(ZoneOffset.UTC), lat, lon, battery())));
            case RING -> List.of(bytes(WatchTerminalFrames.acknowledgement(device.id(), "FIND")));
        };
    }

    private int battery() {
        return 40 + random.nextInt(60);
    }

    private static byte[] bytes(String frame) {
        return frame.getBytes(StandardCharsets.ISO_8859_1);
    }
}
