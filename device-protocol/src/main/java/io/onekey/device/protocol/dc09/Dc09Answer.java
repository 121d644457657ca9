package io.onekey.device.protocol.dc09;

import java.time.Instant;
import java.util.Optional;

/**
 * An answer to a panel. ACK and DUH echo the message's header; NAK carries the receiver's
 * time so that a panel with a drifting clock can correct it.
 *
 * @param key the AES key when the answer must be encrypted (the message was)
 */
public record Dc09Answer(Kind kind, String sequence, String receiver, String prefix, String account,
                         Optional<byte[]> key, Instant receiverTime) {

    public enum Kind {
        ACK,
        NAK,
        DUH
    }

    public static Dc09Answer ack(Dc09Message m, Optional<byte[]> key, Instant now) {
        return echo(Kind.ACK, m, key, now);
    }

    public static Dc09Answer duh(Dc09Message m, Instant now) {
        return echo(Kind.DUH, m, Optional.empty(), now);
    }

    public static Dc09Answer nak(Instant now) {
        return new Dc09Answer(Kind.NAK, "0000", "R0", "L0", "A0", Optional.empty(), now);
    }

    private static Dc09Answer echo(Kind kind, Dc09Message m, Optional<byte[]> key, Instant now) {
        return new Dc09Answer(kind, m.sequence(), m.receiver().orElse("R0"), m.prefix().orElse("L0"),
                "#" + m.account(), key, now);
    }
}
