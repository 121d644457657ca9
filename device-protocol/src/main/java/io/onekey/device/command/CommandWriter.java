package io.onekey.device.command;

import java.util.Optional;

/**
 * One connection's way of putting a command on the wire: the message its pipeline's encoder
 * writes (a watch frame with the device's maker code, a GT06 command packet with the next
 * serial). Called on the connection's event loop only, so it may keep per-connection state.
 */
@FunctionalInterface
public interface CommandWriter {

    /** The message to write, or empty when this device cannot carry the command. */
    Optional<Object> messageFor(DeviceCommand command);
}
