package io.onekey.device.protocol.watch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.session.InvalidFrame;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WatchFrameDecoderTest {

    static Stream<CapturedFrame> captures() {
        return CapturedFrames.watchDeviceFrames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void capturedStreamIsCutIntoWholeFramesWhetherSentAtOnceOrByteByByte(CapturedFrame capture) {
        assertArrayEquals(capture.bytes(), concat(cut(capture.bytes(), capture.bytes().length)));
        List<byte[]> trickled = cut(capture.bytes(), 1);
        assertArrayEquals(capture.bytes(), concat(trickled));
        for (byte[] frame : trickled) {
            assertEquals('[', frame[0]);
            assertEquals(']', frame[frame.length - 1]);
        }
    }

    @Test
    void bracketsNestedInsideAFrameDoNotEndIt() {
        String frame = "[3G*1234567890*0020*UD2,WIFI,[home],net]";
        List<byte[]> frames = cut(bytes(frame + "[3G*1234567890*0002*LK]"), 7);
        assertEquals(2, frames.size());
        assertEquals(frame, new String(frames.get(0), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aFrameLeftOpenByAnUnbalancedBracketDoesNotSwallowTheNextOne() {
        EmbeddedChannel channel = new EmbeddedChannel(new WatchFrameDecoder(1024));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("[SG*1*0014*UD2,WIFI,TP-LINK[2.4,x]" + "[SG*1*0002*LK]")));
        InvalidFrame invalid = assertInstanceOf(InvalidFrame.class, channel.readInbound());
        assertEquals("unbalanced", invalid.reason());
        ByteBuf frame = assertInstanceOf(ByteBuf.class, channel.readInbound());
        assertEquals("[SG*1*0002*LK]", frame.toString(StandardCharsets.ISO_8859_1));
        frame.release();
        assertFalse(channel.finish());
    }

    @Test
    void garbageBeforeAFrameIsReportedAndSkipped() {
        EmbeddedChannel channel = new EmbeddedChannel(new WatchFrameDecoder(1024));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("xx\u0001[SG*1*0002*LK]")));
        InvalidFrame invalid = assertInstanceOf(InvalidFrame.class, channel.readInbound());
        assertEquals("garbage", invalid.reason());
        ByteBuf frame = channel.readInbound();
        assertEquals("[SG*1*0002*LK]", frame.toString(StandardCharsets.ISO_8859_1));
        frame.release();
        assertFalse(channel.finish());
    }

    @Test
    void lineBreaksBetweenFramesAreNotGarbage() {
        EmbeddedChannel channel = new EmbeddedChannel(new WatchFrameDecoder(1024));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("[SG*1*0002*LK]\r\n[SG*1*0002*LK]")));
        for (int i = 0; i < 2; i++) {
            ByteBuf frame = assertInstanceOf(ByteBuf.class, channel.readInbound());
            frame.release();
        }
        assertFalse(channel.finish());
    }

    @Test
    void aFrameLongerThanTheLimitIsDiscardedAndTheNextOneStillDecodes() {
        EmbeddedChannel channel = new EmbeddedChannel(new WatchFrameDecoder(64));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("[SG*1*0100*UD," + "9".repeat(200))));
        InvalidFrame invalid = assertInstanceOf(InvalidFrame.class, channel.readInbound());
        assertEquals("too-long", invalid.reason());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("99]" + "[SG*1*0002*LK]")));
        Object next = channel.readInbound();
        while (next instanceof InvalidFrame) {
            next = channel.readInbound();
        }
        ByteBuf frame = assertInstanceOf(ByteBuf.class, next);
        assertEquals("[SG*1*0002*LK]", frame.toString(StandardCharsets.ISO_8859_1));
        frame.release();
        channel.finishAndReleaseAll();
    }

    private static List<byte[]> cut(byte[] stream, int chunk) {
        EmbeddedChannel channel = new EmbeddedChannel(new WatchFrameDecoder(16 * 1024));
        for (int i = 0; i < stream.length; i += chunk) {
            channel.writeInbound(Unpooled.copiedBuffer(stream, i, Math.min(chunk, stream.length - i)));
        }
        List<byte[]> frames = new ArrayList<>();
        Object out;
        while ((out = channel.readInbound()) != null) {
            ByteBuf frame = assertInstanceOf(ByteBuf.class, out, "unexpected " + out);
            frames.add(ByteBufUtil.getBytes(frame));
            frame.release();
        }
        assertFalse(channel.finish());
        assertTrue(frames.size() >= 1);
        return frames;
    }

    private static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
