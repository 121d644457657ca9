package io.onekey.device.protocol.gt06;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.onekey.device.protocol.Checksums;

/** Writes {@code 78 78 05 <protocol> <serial> <crc> 0D 0A}. */
@ChannelHandler.Sharable
public final class Gt06AnswerEncoder extends MessageToByteEncoder<Gt06Answer> {

    public Gt06AnswerEncoder() {
        super(Gt06Answer.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Gt06Answer answer, ByteBuf out) {
        int start = out.writerIndex();
        out.writeShort(0x7878);
        out.writeByte(5);
        out.writeByte(answer.protocol());
        out.writeShort(answer.serial());
        out.writeShort(Checksums.crc16X25(out, start + 2, 4));
        out.writeShort(0x0D0A);
    }
}
