package io.onekey.device.protocol.gt06;

import io.onekey.device.command.DeviceCommand;
import java.util.Optional;

/**
 * The GT06 text commands for the server's commands. Locate is {@code WHERE#}: the device
 * answers with a string packet (0x15, or 0x21 extended) holding its position in words. The
 * protocol has no standard ring or siren command (models that have one disagree on its text),
 * so none is sent.
 */
public final class Gt06Commands {

    static final String LOCATE = "WHERE#";
    /** The server flag echoed in the answer; OneKey does not match answers by it. */
    private static final long SERVER_FLAG = 0;

    private Gt06Commands() {
    }

    public static Optional<Gt06Command> packet(DeviceCommand command, int serial) {
        return switch (command) {
            case LOCATE -> Optional.of(new Gt06Command(SERVER_FLAG, LOCATE, serial));
            case RING -> Optional.empty();
        };
    }
}
