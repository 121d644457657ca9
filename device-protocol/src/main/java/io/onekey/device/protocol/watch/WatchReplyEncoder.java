package io.onekey.device.protocol.watch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Writes {@link WatchReply} as {@code [maker*id*(index*)LLLL*content]}, LLLL the content length in hex. */
@ChannelHandler.Sharable
public final class WatchReplyEncoder extends MessageToByteEncoder<WatchReply> {

    public WatchReplyEncoder() {
        super(WatchReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WatchReply reply, ByteBuf out) {
        out.writeCharSequence(format(reply), StandardCharsets.ISO_8859_1);
    }

    public static String format(WatchReply reply) {
        return WatchFrames.format(reply.maker(), reply.deviceId(), reply.index(), reply.content());
    }
}
