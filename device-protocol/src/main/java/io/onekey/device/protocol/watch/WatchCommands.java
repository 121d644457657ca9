package io.onekey.device.protocol.watch;

import io.onekey.device.command.DeviceCommand;
import java.util.Optional;

/**
 * The server-to-device frames for the server's commands, in the form the watches take them:
 * {@code [MM*id*LLLL*CR]} with the maker code the device itself uses and no index, as the
 * captured server commands ({@code [CS*123456789012345*0006*LZ,,+1]}) are written.
 */
public final class WatchCommands {

    /** Locate now: the watch answers {@code CR}, then reports a fresh {@code UD} position. */
    static final String LOCATE = "CR";
    /** Ring: the watch rings for a minute or so and answers {@code FIND}. */
    static final String RING = "FIND";

    private WatchCommands() {
    }

    public static Optional<WatchReply> frame(DeviceCommand command, String maker, String deviceId) {
        String content = switch (command) {
            case LOCATE -> LOCATE;
            case RING -> RING;
        };
        return Optional.of(new WatchReply(maker, deviceId, Optional.empty(), content));
    }
}
