package io.onekey.device.protocol.gt06;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.onekey.device.protocol.Checksums;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code 78 78 len 80 cmdlen flag(4) content serial(2) crc(2) 0D 0A}: cmdlen counts
 * flag and content, len protocol through CRC, the CRC-ITU covers len through serial.
 */
@ChannelHandler.Sharable
public final class Gt06CommandEncoder extends MessageToByteEncoder<Gt06Command> {

    static final int PROTOCOL = 0x80;

    public Gt06CommandEncoder() {
        super(Gt06Command.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Gt06Command command, ByteBuf out) {
        encode(command, out);
    }

    static void encode(Gt06Command command, ByteBuf out) {
        byte[] content = command.content().getBytes(StandardCharsets.US_ASCII);
        int start = out.writerIndex();
        out.writeShort(0x7878);
        out.writeByte(1 + 1 + 4 + content.length + 2 + 2);
        out.writeByte(PROTOCOL);
        out.writeByte(4 + content.length);
        out.writeInt((int) command.serverFlag());
        out.writeBytes(content);
        out.writeShort(command.serial());
        out.writeShort(Checksums.crc16X25(out, start + 2, out.writerIndex() - start - 2));
        out.writeShort(0x0D0A);
    }
}
