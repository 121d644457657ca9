package io.onekey.device.protocol.dc09;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.InvalidFrame;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * DC-09 over UDP: each datagram is one message, answered to its sender. One channel serves
 * every panel, so a bad datagram is counted and answered, never a reason to close.
 */
public final class Dc09DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final Dc09Receiver receiver;
    private final DeviceSession session;
    private final int maxFrameBytes;

    public Dc09DatagramHandler(Dc09Receiver receiver, DeviceSession session, int maxFrameBytes) {
        this.receiver = receiver;
        this.session = session;
        this.maxFrameBytes = maxFrameBytes;
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
        receiver.receive(ctx, session, content.toString(StandardCharsets.ISO_8859_1), sender,
                answer -> new AddressedAnswer(answer, sender));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A datagram channel's exception names no sender.
        session.frameInvalid(ctx, new InvalidFrame("exception", cause.getClass().getSimpleName()), null);
    }
}
