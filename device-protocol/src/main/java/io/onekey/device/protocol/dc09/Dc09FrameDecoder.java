package io.onekey.device.protocol.dc09;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.onekey.device.session.InvalidFrame;
import java.util.List;

/**
 * Cuts a DC-09 TCP stream into messages: everything up to and including the closing CR.
 * The opening LF is not required (some panels omit it, or send a literal {@code <x0A>});
 * the message decoder strips it. A message longer than the limit is discarded and reported,
 * and decoding resumes after the next CR.
 */
public final class Dc09FrameDecoder extends ByteToMessageDecoder {

    private static final byte CR = '\r';

    private final int maxFrameBytes;
    private boolean discarding;

    public Dc09FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discarding) {
                int cr = in.indexOf(in.readerIndex(), in.writerIndex(), CR);
                if (cr < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(cr + 1);
                discarding = false;
                continue;
            }
            int end = in.indexOf(in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + maxFrameBytes + 1), CR);
            if (end < 0) {
                if (in.readableBytes() > maxFrameBytes) {
                    out.add(new InvalidFrame("too-long", "no CR within " + maxFrameBytes + " bytes"));
                    in.skipBytes(maxFrameBytes + 1);
                    discarding = true; // the rest of the oversized message, up to its CR
                    continue;
                }
                return;
            }
            int length = end + 1 - in.readerIndex();
            if (length == 1 || isOnlyLineFeeds(in, length - 1)) {
                in.skipBytes(length); // keep-alive line breaks between messages
                continue;
            }
            out.add(in.readRetainedSlice(length));
        }
    }

    private static boolean isOnlyLineFeeds(ByteBuf in, int length) {
        for (int i = in.readerIndex(); i < in.readerIndex() + length; i++) {
            if (in.getByte(i) != '\n') {
                return false;
            }
        }
        return true;
    }
}
