package io.onekey.device.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/** Closes a connection when the {@code IdleStateHandler} before it reports silence. */
@ChannelHandler.Sharable
public final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

    public static final IdleConnectionCloser INSTANCE = new IdleConnectionCloser();

    private IdleConnectionCloser() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }
}
