package io.onekey.device.protocol.dc09;

import io.onekey.device.session.InvalidFrame;

/**
 * A message that is not accepted: why (counted and logged), and what the panel is told.
 *
 * @param framed whether the text had DC-09's framing at all (CRC, length, {@code "ID"}). Over
 *               UDP only a framed message is answered: the sender's address is only claimed,
 *               and answering anything would make the listener a reflector.
 */
public record Dc09Refusal(InvalidFrame reason, Dc09Answer answer, boolean framed) {

    /** A refusal of a message that is DC-09, wrong as it may be. */
    public Dc09Refusal(InvalidFrame reason, Dc09Answer answer) {
        this(reason, answer, true);
    }
}
