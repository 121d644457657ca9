package io.onekey.device.protocol.gt06;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.onekey.device.session.InvalidFrame;
import java.util.List;

/**
 * Cuts GT06 frames: {@code 78 78 len(1) ... 0D 0A} and {@code 79 79 len(2) ... 0D 0A}, the
 * length counting protocol number through CRC. A frame whose declared end is not {@code 0D 0A}
 * is reported and the decoder resynchronises on the next start marker, so one bad frame
 * does not lose the ones after it.
 *
 * <p>Each bad frame is reported once: the bytes skipped while resynchronising after it belong
 * to it, and so does garbage that arrives over several reads, until the next start marker.
 * Otherwise one bad frame would count twice or more toward the run that closes the connection.
 * A run of garbage longer than the frame it follows could be (the limit, or an oversized
 * frame's declared length) is reported again, and so on for every {@code maxFrameBytes}
 * skipped, so that a peer sending nothing but garbage is still closed.
 */
public final class Gt06FrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameBytes;
    /** The bytes now being skipped belong to a bad frame or a run of garbage already reported. */
    private boolean resyncing;
    private long skippedSinceReport;
    /** How many bytes may be skipped as part of what was last reported. */
    private long allowance;

    public Gt06FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            int marker = in.getUnsignedShort(start);
            if (marker != 0x7878 && marker != 0x7979) {
                skipToNextMarker(in, out);
                continue;
            }
            resyncing = false;
            boolean extended = marker == 0x7979;
            int header = extended ? 4 : 3;
            if (in.readableBytes() < header) {
                return;
            }
            int length = extended ? in.getUnsignedShort(start + 2) : in.getUnsignedByte(start + 2);
            int total = header + length + 2;
            if (total > maxFrameBytes) {
                reportBadFrame(in, out, new InvalidFrame("too-long", "declared " + total + " bytes, limit " + maxFrameBytes), total);
                continue;
            }
            if (in.readableBytes() < total) {
                // A false start marker in garbage can declare a long frame. If a whole frame
                // is already buffered after it, that marker was garbage: do not wait on it.
                int next = nextCompleteFrame(in, start + 2);
                if (next < 0) {
                    return;
                }
                out.add(new InvalidFrame("garbage", (next - start) + " bytes before a frame"));
                in.readerIndex(next);
                continue;
            }
            if (length < 5 || in.getUnsignedShort(start + total - 2) != 0x0D0A) {
                reportBadFrame(in, out, new InvalidFrame("bad-framing", "no 0D 0A where the length field says the frame ends"),
                        maxFrameBytes);
                continue;
            }
            out.add(in.readRetainedSlice(total));
        }
    }

    /**
     * Reports the frame at the reader index and steps past its marker; what follows, up to the
     * next marker and at most {@code length} bytes, is taken as its rest.
     */
    private void reportBadFrame(ByteBuf in, List<Object> out, InvalidFrame invalid, int length) {
        out.add(invalid);
        in.skipBytes(2);
        resyncing = true;
        skippedSinceReport = 0;
        allowance = length;
    }

    /** Index of the first whole, well-terminated frame starting at or after {@code from}, or -1. */
    private static int nextCompleteFrame(ByteBuf in, int from) {
        for (int i = from; i + 4 < in.writerIndex(); i++) {
            int marker = in.getUnsignedShort(i);
            if (marker != 0x7878 && marker != 0x7979) {
                continue;
            }
            int header = marker == 0x7979 ? 4 : 3;
            if (i + header > in.writerIndex()) {
                return -1;
            }
            int length = marker == 0x7979 ? in.getUnsignedShort(i + 2) : in.getUnsignedByte(i + 2);
            int end = i + header + length + 2;
            if (length >= 5 && end <= in.writerIndex() && in.getUnsignedShort(end - 2) == 0x0D0A) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Drops bytes up to the next 78 78 / 79 79 (keeping a last byte that may start one). Reports
     * them unless they continue something already reported.
     */
    private void skipToNextMarker(ByteBuf in, List<Object> out) {
        int from = in.readerIndex();
        int i = from + 1;
        int end = in.writerIndex() - 1;
        while (i < end) {
            int b = in.getUnsignedByte(i);
            if ((b == 0x78 || b == 0x79) && in.getUnsignedByte(i + 1) == b) {
                break;
            }
            i++;
        }
        in.readerIndex(i);
        skippedSinceReport += i - from;
        if (!resyncing || skippedSinceReport > allowance) {
            out.add(new InvalidFrame("garbage", skippedSinceReport + " bytes outside a frame"));
            resyncing = true;
            skippedSinceReport = 0;
            allowance = maxFrameBytes;
        }
    }
}
