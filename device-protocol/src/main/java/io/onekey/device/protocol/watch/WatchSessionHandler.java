package io.onekey.device.protocol.watch;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.InvalidFrame;
import java.util.List;

/**
 * One watch connection: admits the device, stores what it reported, then answers it. Frames
 * from a refused device get no answer and produce nothing; the protocol has no refusal, so
 * the connection is closed.
 */
public final class WatchSessionHandler extends SimpleChannelInboundHandler<Object> {

    private final DeviceSession session;

    public WatchSessionHandler(DeviceSession session) {
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InvalidFrame invalid) {
            session.frameInvalid(ctx, invalid);
        } else if (msg instanceof WatchMessage message) {
            onMessage(ctx, message);
        }
    }

    private void onMessage(ChannelHandlerContext ctx, WatchMessage message) {
        session.frameAccepted();
        if (!session.admit(message.deviceId()).accepted()) {
            session.close(ctx);
            return;
        }
        if (message.command() == WatchCommand.OTHER) {
            session.metrics().unknownMessage(message.keyword().matches("[A-Za-z0-9_]{1,16}") ? message.keyword() : "malformed");
        }
        List<DeviceEvent> events = WatchEventMapper.map(message, session.services().clock().instant());
        session.storeThenAnswer(ctx, events, WatchAnswers.answerTo(message).orElse(null));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.frameInvalid(ctx, new InvalidFrame("exception", cause.getClass().getSimpleName()));
    }

}
