package io.onekey.device.protocol.dc09;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Turns an addressed answer into a datagram to the panel that sent the message. */
@ChannelHandler.Sharable
public final class Dc09DatagramAnswerEncoder extends MessageToMessageEncoder<Dc09DatagramHandler.AddressedAnswer> {

    public Dc09DatagramAnswerEncoder() {
        super(Dc09DatagramHandler.AddressedAnswer.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Dc09DatagramHandler.AddressedAnswer msg, List<Object> out) {
        String text = Dc09AnswerEncoder.format(msg.answer());
        out.add(new DatagramPacket(ByteBufUtil.writeAscii(ctx.alloc(), text), msg.recipient()));
    }
}
