package io.onekey.device.protocol.watch;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.InvalidFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch connection: admits the device, binds it for the server's commands, stores what it
 * reported, then answers it. Frames
 * from a refused device get no answer and produce nothing; the protocol has no refusal, so
 * the connection is closed.
 */
public final class WatchSessionHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(WatchSessionHandler.class);

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
        // Commands for this device are written here from now on, with the maker code it uses.
        String maker = message.maker();
        String deviceId = message.deviceId();
        session.bind(ctx, deviceId, command -> WatchCommands.frame(command, maker, deviceId).map(Object.class::cast));
        if (message.command().isCommandAcknowledgement()) {
            log.debug("watch {} acknowledged {}", deviceId, message.keyword());
        } else if (message.command() == WatchCommand.OTHER) {
            session.metrics().unknownMessage(message.keyword().matches("[A-Za-z0-9_]{1,16}") ? message.keyword() : "malformed");
        }
        List<DeviceEvent> events = WatchEventMapper.map(message, session.services().clock().instant());
        session.storeThenAnswer(ctx, events, WatchAnswers.answerTo(message).orElse(null));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.connectionClosed(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.frameInvalid(ctx, new InvalidFrame("exception", cause.getClass().getSimpleName()));
    }

}
