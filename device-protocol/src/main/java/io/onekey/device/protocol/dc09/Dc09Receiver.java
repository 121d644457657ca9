package io.onekey.device.protocol.dc09;

import io.netty.channel.ChannelHandlerContext;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.InvalidFrame;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's side of DC-09, shared by TCP and UDP: check the message, the timestamp
 * window and the account, then store the events and ACK, or answer NAK/DUH at once.
 */
public final class Dc09Receiver {

    private final Dc09Parser parser;
    private final Dc09EventMapper mapper;
    private final Dc09Settings settings;
    private final Dc09Keys.Lookup keys;

    public Dc09Receiver(Dc09Settings settings, Dc09Keys.Lookup keys) {
        this.parser = new Dc09Parser(keys);
        this.mapper = new Dc09EventMapper(settings.codes());
        this.settings = settings;
        this.keys = keys;
    }

    /**
     * Handles one message. {@code replies} turns an answer into what the channel writes (the
     * answer itself over TCP, an addressed datagram over UDP), or withholds a refusal.
     */
    public void receive(ChannelHandlerContext ctx, DeviceSession session, String raw, SocketAddress peer,
                        Dc09Replies replies) {
        Instant now = session.services().clock().instant();
        Dc09Parser.Result result = parser.parse(raw, now);
        if (result instanceof Dc09Parser.Refused refused) {
            refuse(ctx, session, refused.refusal(), peer, replies);
            return;
        }
        Dc09Parser.Parsed parsed = (Dc09Parser.Parsed) result;
        Dc09Message message = parsed.message();
        Optional<Dc09Refusal> insecure = checkEncryption(message, now);
        if (insecure.isPresent()) {
            refuse(ctx, session, insecure.get(), peer, replies);
            return;
        }
        Optional<Dc09Refusal> stale = checkWindow(message, now);
        if (stale.isPresent()) {
            refuse(ctx, session, stale.get(), peer, replies);
            return;
        }
        session.frameAccepted();
        parsed.tolerated().forEach(session::defectTolerated);
        if (!session.admit(message.account()).accepted()) {
            // DC-09 lets a receiver refuse: NAK. The panel tries again or its backup receiver.
            // Counted as a refused device by admit(), not as a bad frame.
            write(ctx, session, replies.refused(new Dc09Refusal(new InvalidFrame("unknown-account", message.account()),
                    Dc09Answer.nak(now))));
            return;
        }
        List<DeviceEvent> events = mapper.map(message, now);
        Optional<byte[]> key = message.encrypted() ? keys.keyFor(message.account()) : Optional.empty();
        session.storeThenAnswer(ctx, events, replies.accepted(Dc09Answer.ack(message, key, now)));
    }

    /**
     * An account with a key speaks encrypted only: otherwise anyone who knows the account
     * number could send a plain cancel and close a real SOS. An encrypted message must carry its
     * timestamp, which is what stops a recorded message from being replayed.
     */
    private Optional<Dc09Refusal> checkEncryption(Dc09Message message, Instant now) {
        if (!message.encrypted() && keys.keyFor(message.account()).isPresent()) {
            return Optional.of(new Dc09Refusal(new InvalidFrame("plain-for-keyed-account",
                    "account " + message.account() + " has a key but sent a plain message"), Dc09Answer.nak(now)));
        }
        if (message.encrypted() && message.timestamp().isEmpty()) {
            return Optional.of(new Dc09Refusal(new InvalidFrame("no-timestamp",
                    "an encrypted message must carry a timestamp"), Dc09Answer.nak(now)));
        }
        return Optional.empty();
    }

    private Optional<Dc09Refusal> checkWindow(Dc09Message message, Instant now) {
        if (message.timestamp().isEmpty() && settings.requireTimestamp()) {
            return Optional.of(new Dc09Refusal(new InvalidFrame("no-timestamp",
                    "this receiver requires timestamps (gateway.dc09.requireTimestamp)"), Dc09Answer.nak(now)));
        }
        if (message.timestamp().isEmpty()) {
            return Optional.empty();
        }
        Duration skew = Duration.between(now, message.timestamp().get());
        if (skew.compareTo(settings.maxAhead()) > 0 || skew.negated().compareTo(settings.maxBehind()) > 0) {
            return Optional.of(new Dc09Refusal(new InvalidFrame("timestamp-window",
                    "message time " + message.timestamp().get() + " is " + skew.toSeconds() + " s from receiver time"),
                    Dc09Answer.nak(now)));
        }
        return Optional.empty();
    }

    private static void refuse(ChannelHandlerContext ctx, DeviceSession session, Dc09Refusal refusal, SocketAddress peer,
                               Dc09Replies replies) {
        write(ctx, session, replies.refused(refusal));
        session.frameInvalid(ctx, refusal.reason(), peer);
    }

    private static void write(ChannelHandlerContext ctx, DeviceSession session, Object answer) {
        if (answer != null) {
            ctx.writeAndFlush(answer);
            session.metrics().answerOut();
        }
    }
}
