package io.onekey.device.protocol.dc09;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.InvalidFrame;
import io.onekey.device.session.RateLimitPerAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * DC-09 over UDP: each datagram is one message, answered to its sender. One channel serves
 * every panel, so a bad datagram is counted, never a reason to close.
 *
 * <p>The sender's address is only claimed: whatever is answered can be aimed at someone else.
 * A datagram without DC-09 framing gets no answer at all (a 1-byte datagram used to draw a
 * 47-byte NAK). Refusals of framed messages (NAK, DUH) are limited per source address. ACKs are
 * never limited: they answer a message that checked out and was stored, and a panel that is
 * not acknowledged sends its alarm again.
 */
public final class Dc09DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    /** Refusals a source address gets at once; a panel retries a few times, then fails over. */
    public static final int REFUSAL_BURST = 5;
    /** Then one more every this long: ten a minute, a trickle to anyone a forger aims at. */
    public static final Duration REFUSAL_REFILL = Duration.ofSeconds(6);
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final Dc09Receiver receiver;
    private final DeviceSession session;
    private final int maxFrameBytes;
    private final RateLimitPerAddress refusals;

    public Dc09DatagramHandler(Dc09Receiver receiver, DeviceSession session, int maxFrameBytes, RateLimitPerAddress refusals) {
        this.receiver = receiver;
        this.session = session;
        this.maxFrameBytes = maxFrameBytes;
        this.refusals = refusals;
    }

    /** The limit on refusals per source address, on the given clock. */
    public static RateLimitPerAddress refusalLimit(Clock clock) {
        return new RateLimitPerAddress(clock, REFUSAL_BURST, REFUSAL_REFILL, MAX_TRACKED_ADDRESSES);
    }

    /** An answer and where it goes; turned into a datagram by {@link Dc09DatagramAnswerEncoder}. */
    public record AddressedAnswer(Dc09Answer answer, InetSocketAddress recipient) {
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        InetSocketAddress sender = packet.sender();
        if (content.readableBytes() > maxFrameBytes) {
            session.frameInvalid(ctx, new InvalidFrame("too-long", content.readableBytes() + " bytes"), sender);
            return;
        }
        receiver.receive(ctx, session, content.toString(StandardCharsets.ISO_8859_1), sender, new ToSender(sender));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A datagram channel's exception names no sender.
        session.frameInvalid(ctx, new InvalidFrame("exception", cause.getClass().getSimpleName()), null);
    }

    /** Answers addressed to the datagram's sender; refusals only for DC-09 framing, within the limit. */
    private final class ToSender implements Dc09Replies {

        private final InetSocketAddress sender;

        ToSender(InetSocketAddress sender) {
            this.sender = sender;
        }

        @Override
        public Object accepted(Dc09Answer answer) {
            return new AddressedAnswer(answer, sender);
        }

        @Override
        public Object refused(Dc09Refusal refusal) {
            if (!refusal.framed()) {
                session.metrics().answerWithheld("not-dc09");
                return null;
            }
            if (sender.getAddress() == null || !refusals.tryAcquire(sender.getAddress())) {
                session.metrics().answerWithheld("rate-limited");
                return null;
            }
            return new AddressedAnswer(refusal.answer(), sender);
        }
    }
}
