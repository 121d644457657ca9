package io.onekey.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.onekey.simulator.terminal.WatchTerminalFrames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One load-generator process of the scale benchmark: a range of watch terminals, each on its
 * own TCP connection to one of the gateways, sending an LK heartbeat on connecting and then
 * once per heartbeat period (phases spread evenly over the period), and pressing SOS when told
 * (an AL frame with the SOS status bits; the frames are the simulator's, built as real watches
 * build them). The server answers an LK with {@code [SG*id*0002*LK]} and an AL with
 * {@code [SG*id*0002*AL]}, each once the event is stored.
 *
 * <p>A process may open at most about 20,000 files, and loopback connections from one source
 * address share one ephemeral port range, so a process holds at most ~19,000 terminals and
 * binds them to source addresses 127.0.0.2, 127.0.0.3, … ({@code perSource} terminals each);
 * Linux routes all of 127/8 to the loopback interface.
 *
 * <p>Driven over standard input by {@link ScaleBenchmark}, one command a line; answers on
 * standard output. It exits when its input closes, so it never outlives the benchmark.
 * <pre>
 *   stats                                   → stats connected=… failed=… closed=… lkSent=… lkAnswered=… alAnswered=… retransmissions=…
 *   sos START_MICROS RATE SECONDS SLOT SLOTS → presses SOS on its own terminals, distinct ones, at
 *                                             RATE/SLOTS a second; press k is due at START + (k·SLOTS + SLOT)/RATE s
 *   presses                                 → press TERMINAL INTENDED_MICROS SENT_MICROS ANSWERED_MICROS (…) then end
 *   quit
 * </pre>
 * Times are wall-clock microseconds since the epoch: the offers are received by another
 * process on the same machine, which reads the same clock.
 */
public final class ScaleTerminals {

    private static final int CONNECTS_IN_FLIGHT = 200;
    /** How long a watch waits for the answer to an alarm before sending it again. */
    static final int RETRANSMIT_SECONDS = 10;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final InetSocketAddress[] gateways;
    private final int first;
    private final int count;
    private final int perSource;
    private final long heartbeatMillis;
    private final Terminal[] terminals;
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong lkSent = new AtomicLong();
    private final AtomicLong lkAnswered = new AtomicLong();
    private final AtomicLong alAnswered = new AtomicLong();
    private final AtomicLong retransmissions = new AtomicLong();
    private final PrintStream out = System.out;
    private volatile Presses presses;

    /** The SOS presses of this process: which terminal, when due, when sent, when answered (0: not). */
    private record Presses(int[] terminal, long[] intended, long[] sent, long[] answered) {
    }

    /** One terminal: its connection and the frames it sends; reads only which answers come back. */
    private final class Terminal extends SimpleChannelInboundHandler<ByteBuf> {
        private final int local;
        private final byte[] heartbeat;
        private volatile Channel channel;
        /** The press this terminal made, or -1; set before its frame is sent. */
        private volatile int press = -1;
        /** The last two bytes before a frame's closing bracket say which answer it is: "LK" or "AL". */
        private int tail;

        Terminal(int local) {
            this.local = local;
            String id = deviceId(first + local);
            this.heartbeat = WatchTerminalFrames.heartbeat(id, 80).getBytes(StandardCharsets.ISO_8859_1);
        }

        void sendHeartbeat() {
            Channel c = channel;
            if (c != null && c.isActive()) {
                lkSent.incrementAndGet();
                c.writeAndFlush(Unpooled.wrappedBuffer(heartbeat), c.voidPromise());
            }
        }

        /**
         * The SOS status bits, no GPS fix (indoors): the frame a real watch sends, stamped with the
         * press's time. Like a real watch, it sends the same frame again every {@link #RETRANSMIT_SECONDS}
         * until answered: the server answers only once the alarm is stored, and recognises the copy.
         */
        void sendSos() {
            byte[] sos = WatchTerminalFrames.alarm(deviceId(first + local), ZonedDateTime.now(ZoneOffset.UTC), 0, 0, false,
                    80, WatchTerminalFrames.SOS_STATUS).getBytes(StandardCharsets.ISO_8859_1);
            Channel c = channel;
            if (c != null && c.isActive()) {
                c.writeAndFlush(Unpooled.wrappedBuffer(sos), c.voidPromise());
                c.eventLoop().schedule(() -> retransmitUntilAnswered(sos), RETRANSMIT_SECONDS, TimeUnit.SECONDS);
            }
        }

        private void retransmitUntilAnswered(byte[] sos) {
            Presses p = presses;
            int k = press;
            Channel c = channel;
            if (p == null || k < 0 || p.answered[k] != 0 || c == null || !c.isActive()) {
                return;
            }
            retransmissions.incrementAndGet();
            c.writeAndFlush(Unpooled.wrappedBuffer(sos), c.voidPromise());
            c.eventLoop().schedule(() -> retransmitUntilAnswered(sos), RETRANSMIT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            // A watch logs in with an LK; then one every period, its phase spread evenly over the period.
            sendHeartbeat();
            long phase = heartbeatMillis * local / count;
            ctx.channel().eventLoop().scheduleAtFixedRate(this::sendHeartbeat, phase, heartbeatMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.incrementAndGet();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
            for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
                byte b = in.getByte(i);
                if (b == ']') {
                    answered(tail);
                    tail = 0;
                } else {
                    tail = ((tail << 8) | (b & 0xff)) & 0xffff;
                }
            }
        }

        private void answered(int lastTwo) {
            if (lastTwo == ('L' << 8 | 'K')) {
                lkAnswered.incrementAndGet();
            } else if (lastTwo == ('A' << 8 | 'L')) {
                alAnswered.incrementAndGet();
                Presses p = presses;
                int k = press;
                if (p != null && k >= 0 && p.answered[k] == 0) {
                    p.answered[k] = wallMicros();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    ScaleTerminals(InetSocketAddress[] gateways, int first, int count, int perSource, long heartbeatMillis) {
        this.gateways = gateways;
        this.first = first;
        this.count = count;
        this.perSource = perSource;
        this.heartbeatMillis = heartbeatMillis;
        this.terminals = new Terminal[count];
    }

    /** The watch id of terminal {@code n}: ten digits, as the directory of {@link ScaleBenchmark} registers it. */
    static String deviceId(int n) {
        return String.format(Locale.ROOT, "93%08d", n);
    }

    /** Terminal {@code n} connects from 127.0.0.(2 + n / perSource). */
    static String sourceAddress(int n, int perSource) {
        int host = 2 + n / perSource;
        if (host > 254) {
            throw new IllegalArgumentException("too many terminals for 127.0.0.2-254 at " + perSource + " per address");
        }
        return "127.0.0." + host;
    }

    static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Connects every terminal, at most {@link #CONNECTS_IN_FLIGHT} at a time; failures are counted, not retried. */
    void connectAll() throws InterruptedException {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        for (int local = 0; local < count; local++) {
            int n = first + local;
            Terminal terminal = new Terminal(local);
            terminals[local] = terminal;
            inFlight.acquire();
            ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(terminal);
                }
            }).connect(gateways[n % gateways.length], new InetSocketAddress(sourceAddress(n, perSource), 0));
            f.addListener(done -> {
                inFlight.release();
                if (done.isSuccess()) {
                    connected.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        inFlight.acquire(CONNECTS_IN_FLIGHT);
        inFlight.release(CONNECTS_IN_FLIGHT);
    }

    /** Presses SOS on distinct terminals of this process, each at its due time; records when due, sent and answered. */
    void press(long startMicros, double rate, int seconds, int slot, int slots) {
        int total = (int) Math.min(count, Math.floor(rate * seconds / slots));
        Presses p = new Presses(new int[total], new long[total], new long[total], new long[total]);
        presses = p;
        double microsApart = 1e6 * slots / rate;
        double offset = 1e6 * slot / rate;
        // Distinct terminals, spread over the gateways: this process's terminals in order.
        for (int k = 0; k < total; k++) {
            long due = startMicros + Math.round(k * microsApart + offset);
            long now;
            while ((now = wallMicros()) < due) {
                LockSupport.parkNanos(Math.min(200_000, (due - now) * 1_000));
            }
            Terminal t = terminals[k];
            p.terminal[k] = first + k;
            p.intended[k] = due;
            t.press = k;
            p.sent[k] = wallMicros();
            t.sendSos();
        }
    }

    String stats() {
        return String.format(Locale.ROOT, "stats connected=%d failed=%d closed=%d lkSent=%d lkAnswered=%d alAnswered=%d"
                        + " retransmissions=%d", connected.get(), failed.get(), closed.get(), lkSent.get(), lkAnswered.get(),
                alAnswered.get(), retransmissions.get());
    }

    void printPresses() {
        Presses p = presses;
        StringBuilder lines = new StringBuilder();
        if (p != null) {
            for (int k = 0; k < p.terminal.length; k++) {
                lines.append("press ").append(p.terminal[k]).append(' ').append(p.intended[k]).append(' ')
                        .append(p.sent[k]).append(' ').append(p.answered[k]).append('\n');
            }
        }
        out.print(lines);
        out.println("end");
        out.flush();
    }

    void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * {@code ScaleTerminals GATEWAYS FIRST COUNT PER_SOURCE HEARTBEAT_SECONDS}, GATEWAYS as
     * {@code host:port,host:port}: terminal n connects to gateway n mod their number.
     */
    public static void main(String[] args) throws Exception {
        String[] targets = args[0].split(",");
        InetSocketAddress[] gateways = new InetSocketAddress[targets.length];
        for (int i = 0; i < targets.length; i++) {
            int colon = targets[i].lastIndexOf(':');
            gateways[i] = new InetSocketAddress(targets[i].substring(0, colon), Integer.parseInt(targets[i].substring(colon + 1)));
        }
        ScaleTerminals load = new ScaleTerminals(gateways, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Long.parseLong(args[4]) * 1000);
        Thread connecting = new Thread(() -> {
            try {
                load.connectAll();
                System.out.println("connected " + load.connected.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "connect");
        connecting.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "stats" -> {
                    System.out.println(load.stats());
                    System.out.flush();
                }
                case "sos" -> {
                    long start = Long.parseLong(cmd[1]);
                    double rate = Double.parseDouble(cmd[2]);
                    int seconds = Integer.parseInt(cmd[3]);
                    int slot = Integer.parseInt(cmd[4]);
                    int slots = Integer.parseInt(cmd[5]);
                    Thread presser = new Thread(() -> {
                        load.press(start, rate, seconds, slot, slots);
                        System.out.println("pressed");
                        System.out.flush();
                    }, "sos");
                    presser.setPriority(Thread.MAX_PRIORITY);
                    presser.start();
                }
                case "presses" -> load.printPresses();
                case "quit" -> {
                    load.close();
                    return;
                }
                default -> System.out.println("unknown " + line);
            }
        }
        load.close();
        System.exit(0);
    }
}
