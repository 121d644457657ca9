package io.onekey.device.protocol.dc09;

/**
 * Where a panel's answers go, and whether a refusal is sent at all. Over TCP every answer goes
 * back on the connection, whose handshake proved the address. Over UDP the sender's address is
 * only claimed, so refusals are sent for DC-09 framing only and within a budget per address.
 */
public interface Dc09Replies {

    /** What to write for the answer to an accepted message: always sent. */
    Object accepted(Dc09Answer answer);

    /** What to write for a refusal (NAK, DUH), or null to send nothing. */
    Object refused(Dc09Refusal refusal);

    /** Answers written on the connection the message came in on. */
    Dc09Replies ON_CONNECTION = new Dc09Replies() {
        @Override
        public Object accepted(Dc09Answer answer) {
            return answer;
        }

        @Override
        public Object refused(Dc09Refusal refusal) {
            return refusal.answer();
        }
    };
}
