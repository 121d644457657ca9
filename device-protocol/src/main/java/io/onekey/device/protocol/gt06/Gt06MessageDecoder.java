package io.onekey.device.protocol.gt06;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.onekey.device.session.InvalidFrame;
import io.onekey.device.protocol.Checksums;
import java.util.List;

/** Turns a cut frame into a {@link Gt06Packet}: protocol number, payload, serial, CRC check. */
public final class Gt06MessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    public Gt06MessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decode(frame));
    }

    public static Object decode(ByteBuf frame) {
        int start = frame.readerIndex();
        boolean extended = frame.getUnsignedShort(start) == 0x7979;
        int lengthStart = start + 2;
        int header = extended ? 4 : 3;
        int total = frame.readableBytes();
        // protocol(1) + serial(2) + crc(2) at least
        if (total < header + 5 + 2) {
            return new InvalidFrame("too-short", total + " bytes");
        }
        int crcIndex = start + total - 4;
        int sent = frame.getUnsignedShort(crcIndex);
        int computed = Checksums.crc16X25(frame, lengthStart, crcIndex - lengthStart);
        int protocol = frame.getUnsignedByte(start + header);
        int payloadStart = start + header + 1;
        int serialIndex = crcIndex - 2;
        byte[] payload = ByteBufUtil.getBytes(frame, payloadStart, serialIndex - payloadStart);
        return new Gt06Packet(extended, protocol, payload, frame.getUnsignedShort(serialIndex), sent == computed);
    }
}
