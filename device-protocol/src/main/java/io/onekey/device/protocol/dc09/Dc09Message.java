package io.onekey.device.protocol.dc09;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked and (if needed) decrypted DC-09 message.
 *
 * @param token     the ID token without the leading {@code *}: {@code SIA-DCS}, {@code ADM-CID}, {@code NULL}...
 * @param encrypted whether the message came encrypted (its answer must be too)
 * @param sequence  four digits, echoed in the answer
 * @param receiver  the receiver field with its {@code R}, if sent
 * @param prefix    the line prefix with its {@code L}, if sent
 * @param account   the account (the device's identity), from the header or else the data
 * @param body      the event data after the account part: {@code Nri1/CL501}, {@code 1110 00 129}
 * @param blocks    extended data blocks ({@code X...}, {@code Y...}, {@code M...}, {@code H...}, {@code K...})
 * @param timestamp the message's timestamp, if sent
 */
public record Dc09Message(
        String token,
        boolean encrypted,
        String sequence,
        Optional<String> receiver,
        Optional<String> prefix,
        String account,
        String body,
        List<String> blocks,
        Optional<Instant> timestamp) {

    public Dc09Message {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(body, "body");
        blocks = List.copyOf(blocks);
    }

    public Optional<String> block(char type) {
        return blocks.stream().filter(b -> !b.isEmpty() && b.charAt(0) == type).map(b -> b.substring(1)).findFirst();
    }
}
