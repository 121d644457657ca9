package io.onekey.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watch terminals on real TCP connections sending LK heartbeats, each answered only once its
 * event is stored: either as fast as answers come back (throughput), or at a fixed total rate
 * with the time from each frame's send to its answer recorded (latency).
 */
final class WatchLoadClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();
    private final List<Terminal> terminals = new ArrayList<>();
    final AtomicLong answers = new AtomicLong();
    volatile Percentiles latencies;
    private volatile boolean closedLoop;

    /** One connection: its frame, and the send times of frames still waiting for their answer. */
    private final class Terminal extends SimpleChannelInboundHandler<ByteBuf> {
        private final byte[] frame;
        private final ArrayDeque<Long> sent = new ArrayDeque<>();
        private Channel channel;

        Terminal(String id) {
            this.frame = ("[SG*" + id + "*0002*LK]").getBytes(StandardCharsets.ISO_8859_1);
        }

        void send() {
            sent.addLast(System.nanoTime());
            channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
            while (in.isReadable()) {
                if (in.readByte() == ']') {
                    answers.incrementAndGet();
                    Long at = sent.pollFirst();
                    Percentiles record = latencies;
                    if (at != null && record != null) {
                        record.add(System.nanoTime() - at);
                    }
                    if (closedLoop) {
                        send();
                    }
                }
            }
        }
    }

    WatchLoadClient(int port, int connections, String idPrefix) throws InterruptedException {
        for (int i = 0; i < connections; i++) {
            Terminal terminal = new Terminal(String.format(Locale.ROOT, "%s%06d", idPrefix, i));
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(terminal);
                        }
                    }).connect("127.0.0.1", port).sync().channel();
            terminal.channel = channel;
            channels.add(channel);
            terminals.add(terminal);
        }
    }

    /** Every terminal sends, and sends again on each answer, until {@link #stopLoop()}. */
    void startClosedLoop() {
        closedLoop = true;
        for (Terminal t : terminals) {
            t.channel.eventLoop().execute(t::send);
        }
    }

    void stopLoop() {
        closedLoop = false;
    }

    /** Sends {@code perSecond} frames a second, spread over the terminals, for {@code seconds}. */
    void paced(int perSecond, int seconds) throws InterruptedException {
        long perMillisTimes1000 = perSecond;
        long[] owed = {0};
        int[] next = {0};
        long ticks = seconds * 1000L;
        var task = group.next().scheduleAtFixedRate(() -> {
            owed[0] += perMillisTimes1000;
            while (owed[0] >= 1000) {
                owed[0] -= 1000;
                terminals.get(next[0]++ % terminals.size()).send();
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        group.next().schedule(() -> task.cancel(false), ticks, TimeUnit.MILLISECONDS).await();
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
