package io.onekey.device.protocol.dc09;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.InvalidFrame;
import java.nio.charset.StandardCharsets;

/** One DC-09 TCP connection: every message cut by the frame decoder goes to the receiver. */
public final class Dc09SessionHandler extends SimpleChannelInboundHandler<Object> {

    private final Dc09Receiver receiver;
    private final DeviceSession session;

    public Dc09SessionHandler(Dc09Receiver receiver, DeviceSession session) {
        this.receiver = receiver;
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InvalidFrame invalid) {
            session.frameInvalid(ctx, invalid);
        } else if (msg instanceof ByteBuf frame) {
            receiver.receive(ctx, session, frame.toString(StandardCharsets.ISO_8859_1),
                    ctx.channel().remoteAddress(), Dc09Replies.ON_CONNECTION);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.frameInvalid(ctx, new InvalidFrame("exception", cause.getClass().getSimpleName()));
    }
}
