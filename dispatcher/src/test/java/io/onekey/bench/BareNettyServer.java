package io.onekey.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.onekey.device.protocol.dc09.Dc09Answer;
import io.onekey.device.protocol.dc09.Dc09AnswerEncoder;
import io.onekey.device.protocol.dc09.Dc09FrameDecoder;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.protocol.dc09.Dc09Parser;
import io.onekey.device.protocol.gt06.Gt06Answer;
import io.onekey.device.protocol.gt06.Gt06AnswerEncoder;
import io.onekey.device.protocol.gt06.Gt06FrameDecoder;
import io.onekey.device.protocol.watch.WatchFrameDecoder;
import io.onekey.device.protocol.watch.WatchFrames;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The benchmark's baseline: a bare Netty server with OneKey's own frame decoders on the three
 * device ports, which answers each frame a device expects an answer to at once — nothing is
 * decoded beyond what the answer needs, nothing stored, nothing dispatched. What OneKey adds to
 * this (sessions, the store, the dispatcher) is what the ratios in the report show.
 *
 * <pre>
 *   BareNettyServer HOST WATCH_PORT GT06_PORT DC09_PORT   (prints "ready" once listening)
 * </pre>
 */
public final class BareNettyServer {

    private static final int MAX_FRAME_BYTES = 1024;

    private BareNettyServer() {
    }

    /** Watch: an LK or an AL is answered {@code [maker*id*len*LK]} / {@code …*AL]}; UD and the rest are not. */
    @ChannelHandler.Sharable
    static final class WatchAnswerer extends FrameAnswerer {
        @Override
        Object answer(ByteBuf frame) {
            String text = frame.toString(StandardCharsets.ISO_8859_1);
            String[] parts = text.substring(1, text.length() - 1).split("\\*", 4);
            if (parts.length < 4) {
                return null;
            }
            String command = parts[3].split(",", 2)[0];
            if (!command.equals("LK") && !command.startsWith("AL")) {
                return null;
            }
            String reply = WatchFrames.format(parts[0], parts[1], Optional.empty(), command.equals("LK") ? "LK" : "AL");
            return Unpooled.copiedBuffer(reply, StandardCharsets.ISO_8859_1);
        }
    }

    /** GT06: every packet of the short form is answered with its protocol number and serial. */
    static final class Gt06Answerer extends FrameAnswerer {
        @Override
        Object answer(ByteBuf frame) {
            if (frame.getUnsignedShort(frame.readerIndex()) != 0x7878) {
                return null;
            }
            int protocol = frame.getUnsignedByte(frame.readerIndex() + 3);
            int serial = frame.getUnsignedShort(frame.writerIndex() - 6);
            return new Gt06Answer(protocol, serial);
        }
    }

    /** DC-09: a message that parses is acknowledged (ACK echoing its header). */
    @ChannelHandler.Sharable
    static final class Dc09Answerer extends FrameAnswerer {
        private final Dc09Parser parser = new Dc09Parser(Dc09Keys.Lookup.NONE);

        @Override
        Object answer(ByteBuf frame) {
            Instant now = Instant.now();
            if (parser.parse(frame.toString(StandardCharsets.ISO_8859_1), now) instanceof Dc09Parser.Parsed parsed) {
                return Unpooled.copiedBuffer(Dc09AnswerEncoder.format(Dc09Answer.ack(parsed.message(), Optional.empty(), now)),
                        StandardCharsets.ISO_8859_1);
            }
            return null;
        }
    }

    /** Answers each whole frame the decoder before it passes on; bad frames are dropped. */
    abstract static class FrameAnswerer extends ChannelInboundHandlerAdapter {
        abstract Object answer(ByteBuf frame);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ByteBuf frame) {
                    Object answer = answer(frame);
                    if (answer != null) {
                        ctx.writeAndFlush(answer, ctx.voidPromise());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static Channel listen(EventLoopGroup boss, EventLoopGroup workers, String host, int port,
                                  Supplier<ChannelHandler[]> handlers) throws InterruptedException {
        return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(handlers.get());
                    }
                }).bind(new InetSocketAddress(host, port)).sync().channel();
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        WatchAnswerer watch = new WatchAnswerer();
        Dc09Answerer dc09 = new Dc09Answerer();
        Gt06AnswerEncoder gt06Encoder = new Gt06AnswerEncoder();
        listen(boss, workers, host, Integer.parseInt(args[1]),
                () -> new ChannelHandler[] {new WatchFrameDecoder(MAX_FRAME_BYTES), watch});
        listen(boss, workers, host, Integer.parseInt(args[2]),
                () -> new ChannelHandler[] {new Gt06FrameDecoder(MAX_FRAME_BYTES), gt06Encoder, new Gt06Answerer()});
        listen(boss, workers, host, Integer.parseInt(args[3]),
                () -> new ChannelHandler[] {new Dc09FrameDecoder(MAX_FRAME_BYTES), dc09});
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }
}
