package io.onekey.device.protocol.watch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.onekey.device.session.InvalidFrame;
import java.util.List;

/**
 * Cuts the watch protocol's byte stream into {@code [ ... ]} frames by bracket nesting.
 *
 * <p>The length field inside a frame is not trusted for framing: many devices get it wrong,
 * and Wi-Fi network names can contain brackets. Binary payloads escape their brackets, so
 * nesting depth is a reliable cut. Bytes before a {@code [} are skipped and reported; a frame
 * that grows past the limit without closing is discarded and reported.
 */
public final class WatchFrameDecoder extends ByteToMessageDecoder {

    private static final byte OPEN = '[';
    private static final byte CLOSE = ']';

    private final int maxFrameBytes;
    /** Bytes of the current, still-open frame already scanned, so a slow frame is not rescanned. */
    private int scanned;
    private int depth;

    public WatchFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 16) {
            throw new IllegalArgumentException("maxFrameBytes too small: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (scanned == 0 && !skipToFrameStart(in, out)) {
                return;
            }
            int start = in.readerIndex();
            int end = findFrameEnd(in, start);
            if (end < -1) {
                // An unbalanced '[' (a truncated Wi-Fi name) left the frame open, and a new
                // frame began inside it: drop the broken one, go on with the new one.
                int next = -end - 2;
                out.add(new InvalidFrame("unbalanced", (next - start) + " bytes of a frame that never closed"));
                in.readerIndex(next);
                scanned = 0;
                depth = 0;
            } else if (end >= 0) {
                out.add(in.readRetainedSlice(end - start + 1));
                scanned = 0;
                depth = 0;
            } else if (scanned > maxFrameBytes) {
                out.add(new InvalidFrame("too-long", "no closing bracket within " + maxFrameBytes + " bytes"));
                in.skipBytes(scanned);
                scanned = 0;
                depth = 0;
                // What follows is the rest of the oversized frame: resynchronise on the next '['.
            } else {
                return;
            }
        }
    }

    /** Skips to the next '['; reports skipped garbage. Returns false if none is buffered yet. */
    private static boolean skipToFrameStart(ByteBuf in, List<Object> out) {
        int open = in.indexOf(in.readerIndex(), in.writerIndex(), OPEN);
        int garbage = (open < 0 ? in.writerIndex() : open) - in.readerIndex();
        if (garbage > 0 && !onlyLineBreaks(in, garbage)) {
            out.add(new InvalidFrame("garbage", garbage + " bytes outside a frame"));
        }
        if (open < 0) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        in.readerIndex(open);
        return true;
    }

    private static boolean onlyLineBreaks(ByteBuf in, int length) {
        for (int i = in.readerIndex(); i < in.readerIndex() + length; i++) {
            byte b = in.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * Index of the ']' closing the frame opened at start; -1 when it is not buffered yet; or
     * {@code -(index + 2)} when a new frame header starts at index inside a frame still open.
     */
    private int findFrameEnd(ByteBuf in, int start) {
        int limit = Math.min(in.writerIndex(), start + maxFrameBytes + 1);
        for (int i = start + scanned; i < limit; i++) {
            byte b = in.getByte(i);
            if (b == OPEN) {
                if (depth >= 1 && i > start && looksLikeFrameStart(in, i)) {
                    if (i + HEADER_PEEK > in.writerIndex()) {
                        scanned = i - start; // decide when the header is buffered
                        return -1;
                    }
                    return -(i + 2);
                }
                depth++;
            } else if (b == CLOSE && --depth == 0) {
                return i;
            }
        }
        scanned = limit - start;
        return -1;
    }

    private static final int HEADER_PEEK = 8;

    /** "[" then a maker code (2-4 letters or digits), "*", and the start of a device id: a new frame. */
    private static boolean looksLikeFrameStart(ByteBuf in, int open) {
        int i = open + 1;
        int maker = 0;
        while (i < in.writerIndex() && maker <= 4 && Character.isLetterOrDigit(in.getByte(i))) {
            i++;
            maker++;
        }
        return maker >= 2 && maker <= 4 && i + 1 < in.writerIndex() && in.getByte(i) == '*'
                && Character.isLetterOrDigit(in.getByte(i + 1));
    }
}
