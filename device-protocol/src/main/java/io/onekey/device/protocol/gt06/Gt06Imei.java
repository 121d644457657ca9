package io.onekey.device.protocol.gt06;

import java.util.Optional;

/**
 * The IMEI in a login packet: eight BCD bytes, a pad nibble 0 and fifteen decimal digits.
 * Anything else is refused before admission, so that junk never reaches the device registry
 * (nor, with the commissioning switch on, gets registered): sixteen digits, a nibble above 9,
 * or a short number padded with zeros such as {@code 000000000000012}. The first two digits of
 * an IMEI name the body that allocated it (01 to 99); {@code 00} is how padding shows.
 */
final class Gt06Imei {

    private static final int BCD_BYTES = 8;

    private Gt06Imei() {
    }

    /** The fifteen digits, or empty if the login does not carry a well-formed IMEI. */
    static Optional<String> of(Gt06Packet login) {
        if (login.payload().length < BCD_BYTES || (login.unsigned(0) >> 4) != 0) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(15);
        for (int i = 0; i < BCD_BYTES; i++) {
            int high = login.unsigned(i) >> 4;
            int low = login.unsigned(i) & 0x0F;
            if (high > 9 || low > 9) {
                return Optional.empty();
            }
            if (i > 0) {
                digits.append((char) ('0' + high));
            }
            digits.append((char) ('0' + low));
        }
        return digits.charAt(0) == '0' && digits.charAt(1) == '0' ? Optional.empty() : Optional.of(digits.toString());
    }
}
