package io.onekey.simulator.terminal;

import io.onekey.device.protocol.dc09.Dc09AnswerEncoder;
import io.onekey.device.protocol.dc09.Dc09Cipher;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.protocol.dc09.Dc09Timestamps;
import io.onekey.simulator.town.Town;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * A home alarm panel reporting over SIA DC-09 (TCP): NULL link tests as heartbeats, Contact ID
 * 101 (personal emergency) for the pendant button; encrypted when its account has a key.
 */
final class Dc09Dialect implements Dialect {

    @Override
    public byte[] hello(Town.Device device, int serial) {
        return null;
    }

    @Override
    public byte[] heartbeat(Town.Device device, Instant now, int serial) {
        return message(device, "NULL", serial, "", now);
    }

    @Override
    public byte[] sos(Town.Device device, Instant now, double lat, double lon, boolean withFix, int serial) {
        return message(device, "ADM-CID", serial, "1101 01 001", now);
    }

    @Override
    public byte answerEnd() {
        return '\r';
    }

    private static byte[] message(Town.Device device, String token, int serial, String event, Instant now) {
        String sequence = String.format(Locale.ROOT, "%04d", serial % 9999 + 1);
        String stamp = Dc09Timestamps.format(now);
        String account = device.id();
        String body;
        if (device.dc09Key() != null) {
            String secret = (event.isEmpty() ? "|]" : "|" + event + "]") + stamp;
            body = "\"*" + token + "\"" + sequence + "L0#" + account + "["
                    + Dc09Cipher.encryptPadded(secret, Dc09Keys.parse(device.dc09Key()));
        } else {
            body = "\"" + token + "\"" + sequence + "L0#" + account + "["
                    + (event.isEmpty() ? "" : "#" + account + "|" + event) + "]" + stamp;
        }
        return Dc09AnswerEncoder.frame(body).getBytes(StandardCharsets.ISO_8859_1);
    }
}
