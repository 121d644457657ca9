package io.onekey.device.command;

import io.onekey.device.event.Protocol;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the server can ask a connected terminal to do, and which protocols can carry it. DC-09
 * panels take no command from the receiver; GT06 has no standard siren or ring command.
 */
public enum DeviceCommand {
    /** Report a fresh position now (watch {@code CR}, GT06 {@code WHERE#}). */
    LOCATE(EnumSet.of(Protocol.WATCH, Protocol.GT06)),
    /** Ring or sound the siren, so the resident and the crew at the door can hear it (watch {@code FIND}). */
    RING(EnumSet.of(Protocol.WATCH));

    private final Set<Protocol> protocols;

    DeviceCommand(Set<Protocol> protocols) {
        this.protocols = protocols;
    }

    public boolean supportedBy(Protocol protocol) {
        return protocols.contains(protocol);
    }
}
