package io.onekey.device.protocol.dc09;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.Protocol;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A DC-09 TCP pipeline on an embedded channel, with a fixed clock and known keys. */
final class Dc09Harness implements AutoCloseable {

    static final String KEY = "AAAAAAAAAAAAAAAA";

    final RecordingHandOff handOff = new RecordingHandOff();
    final GatewayServices services;
    final GatewayMetrics metrics;
    final EmbeddedChannel channel;

    /** The accounts with a key: the published sample's and the one our own encrypted tests use. */
    static final Dc09Keys.Lookup KEYS = account -> account.equals("AAAB") || account.equals("AAA1")
            ? Optional.of(Dc09Keys.parse(KEY)) : Optional.empty();

    Dc09Harness(Instant now, DeviceAdmission admission, Dc09Settings settings) {
        this(now, admission, settings, KEYS);
    }

    Dc09Harness(Instant now, DeviceAdmission admission, Dc09Settings settings, Dc09Keys.Lookup keys) {
        this.services = TestGateway.services(handOff, admission, keys, now);
        this.metrics = new GatewayMetrics(services.registry(), Protocol.DC09);
        this.channel = new EmbeddedChannel(
                new Dc09FrameDecoder(2048),
                new Dc09AnswerEncoder(),
                new Dc09SessionHandler(new Dc09Receiver(settings, keys),
                        new DeviceSession(Protocol.DC09, services, metrics, DeviceSession.newLogGate(services))));
    }

    Dc09Harness(Instant now) {
        this(now, DeviceAdmission.ADMIT_ALL, Dc09Settings.defaults());
    }

    /** Sends a message (adding LF and CR when the capture has none) and returns the answers. */
    List<String> send(byte[] message) {
        byte[] framed = message;
        if (message.length > 0 && message[message.length - 1] != '\r') {
            framed = ("\n" + new String(message, StandardCharsets.ISO_8859_1) + "\r").getBytes(StandardCharsets.ISO_8859_1);
        }
        channel.writeInbound(Unpooled.wrappedBuffer(framed));
        List<String> answers = new ArrayList<>();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            answers.add(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return answers;
    }

    List<String> send(String message) {
        return send(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    double counter(String name, String tag, String value) {
        var counter = services.registry().find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    /** The body of an answer frame: without LF, CRC, length and CR. */
    static String body(String answer) {
        return answer.substring(9, answer.length() - 1);
    }

    /** A message as a panel frames it: CRC and length over the body. */
    static String message(String body) {
        return Dc09AnswerEncoder.frame(body);
    }
}
