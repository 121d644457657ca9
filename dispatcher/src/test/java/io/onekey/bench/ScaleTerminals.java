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
import io.onekey.bench.TerminalAnswers.Answer;
import io.onekey.simulator.terminal.Dialect;
import io.onekey.simulator.terminal.WatchTerminalFrames;
import io.onekey.simulator.town.Town;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One load-generator process of the benchmarks: a range of terminals, each on its own TCP
 * connection to a gateway, sending a heartbeat on connecting (a GT06 pendant logs in first)
 * and then once per heartbeat period (phases spread evenly over the period), and pressing SOS
 * when told. The frames are the simulator's, built as real devices build them; terminal n
 * speaks the n-th protocol of the gateway list in turn (watch only for {@code bench/scale}).
 * The server answers each heartbeat and alarm once the event is stored; {@link TerminalAnswers}
 * says which frame an answer is for.
 *
 * <p>A process may open at most about 20,000 files, and loopback connections from one source
 * address share one ephemeral port range, so a process holds at most ~19,000 terminals and
 * binds them to source addresses 127.0.0.2, 127.0.0.3, … ({@code perSource} terminals each);
 * Linux routes all of 127/8 to the loopback interface.
 *
 * <p>Driven over standard input by the benchmark's conductor, one command a line; answers on
 * standard output. It exits when its input closes, so it never outlives the benchmark.
 * <pre>
 *   stats                                   → stats connected=… failed=… closed=… lkSent=… lkAnswered=… alAnswered=…
 *                                             retransmissions=… positionSent=… positionAnswered=… (lk: any heartbeat)
 *   sos START_MICROS RATE SECONDS SLOT SLOTS [FROM]
 *                                           → presses SOS on its own terminals FROM, FROM+1, … (default 0), distinct
 *                                             ones, at RATE/SLOTS a second; press k is due at START + (k·SLOTS + SLOT)/RATE s
 *   presses                                 → press TERMINAL INTENDED_MICROS SENT_MICROS ANSWERED_MICROS (…) then end
 *   loop heartbeat|position|off             → every terminal that can sends the frame, and again on each answer
 *                                             (closed loop, one frame in flight per connection); position: GT06 only
 *   quit
 * </pre>
 * Times are wall-clock microseconds since the epoch: the offers are received by another
 * process on the same machine, which reads the same clock.
 */
public final class ScaleTerminals {

    private static final int CONNECTS_IN_FLIGHT = 200;
    /** How long a terminal waits for the answer to an alarm before sending it again. */
    static final int RETRANSMIT_SECONDS = 10;
    private static final Random RANDOM = new Random(42);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Gateways gateways;
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
    private final AtomicLong positionSent = new AtomicLong();
    private final AtomicLong positionAnswered = new AtomicLong();
    private final PrintStream out = System.out;
    private volatile Presses presses;
    /** What every terminal sends again on each answer: a heartbeat, a position, or nothing. */
    private volatile Answer loop = Answer.NONE;

    /** The SOS presses of this process: which terminal, when due, when sent, when answered (0: not). */
    private record Presses(int[] terminal, long[] intended, long[] sent, long[] answered) {
    }

    /** The gateways by protocol, in the order the terminals take them: {@code [PROTOCOL@]host:port,…} (default WATCH). */
    record Gateways(List<String> protocols, Map<String, List<InetSocketAddress>> byProtocol) {

        static Gateways parse(String spec) {
            Map<String, List<InetSocketAddress>> byProtocol = new LinkedHashMap<>();
            for (String target : spec.split(",")) {
                int at = target.indexOf('@');
                String protocol = at < 0 ? "WATCH" : target.substring(0, at);
                int colon = target.lastIndexOf(':');
                byProtocol.computeIfAbsent(protocol, p -> new ArrayList<>()).add(new InetSocketAddress(
                        target.substring(at + 1, colon), Integer.parseInt(target.substring(colon + 1))));
            }
            return new Gateways(List.copyOf(byProtocol.keySet()), byProtocol);
        }

        String protocolOf(int n) {
            return protocols.get(n % protocols.size());
        }

        InetSocketAddress gatewayOf(int n) {
            List<InetSocketAddress> of = byProtocol.get(protocolOf(n));
            return of.get(n / protocols.size() % of.size());
        }
    }

    /** One terminal: its connection and the frames it sends; reads only which answers come back. */
    private final class Terminal extends SimpleChannelInboundHandler<ByteBuf> {
        private final int local;
        private final Town.Device device;
        private final Dialect dialect;
        private final TerminalAnswers answers;
        private final byte[] heartbeat;
        private volatile Channel channel;
        /**
         * The presses this terminal's SOS belongs to and its index there (-1: none); set before its
         * frame is sent. Its own, not the process's latest: an answer to a copy sent again after a
         * later round of presses began still belongs to this one.
         */
        private volatile Presses pressedIn;
        private volatile int press = -1;
        private int serial;

        Terminal(int local) {
            this.local = local;
            int n = first + local;
            String protocol = gateways.protocolOf(n);
            this.device = new Town.Device(deviceId(protocol, n), protocol, "WEARABLE", ScaleTown.RESIDENT_PREFIX + n, 60, null);
            this.dialect = Dialect.of(protocol, RANDOM);
            this.answers = TerminalAnswers.of(protocol);
            // A watch's heartbeat never changes: built once. The others carry a serial number or a time.
            this.heartbeat = protocol.equals("WATCH") ? WatchTerminalFrames.heartbeat(device.id(), 80)
                    .getBytes(StandardCharsets.ISO_8859_1) : null;
        }

        /** The next serial number; never the one an SOS uses (a DC-09 sequence number is the serial plus one). */
        private int nextSerial() {
            serial = (serial + 1) % (TerminalAnswers.DC09_ALARM_SEQUENCE - 1);
            return serial;
        }

        void sendHeartbeat() {
            Channel c = channel;
            if (c != null && c.isActive()) {
                lkSent.incrementAndGet();
                byte[] frame = heartbeat != null ? heartbeat : dialect.heartbeat(device, Instant.now(), nextSerial());
                c.writeAndFlush(Unpooled.wrappedBuffer(frame), c.voidPromise());
            }
        }

        void sendPosition() {
            Channel c = channel;
            byte[] frame = dialect.position(device, Instant.now(), 30.27, 120.15, nextSerial());
            if (frame != null && c != null && c.isActive()) {
                positionSent.incrementAndGet();
                c.writeAndFlush(Unpooled.wrappedBuffer(frame), c.voidPromise());
            }
        }

        void send(Answer kind) {
            if (kind == Answer.HEARTBEAT) {
                sendHeartbeat();
            } else if (kind == Answer.POSITION) {
                sendPosition();
            }
        }

        /**
         * The SOS, no GPS fix (indoors): the frame a real device sends, stamped with the press's
         * time. Like a real device, it sends the same frame again every {@link #RETRANSMIT_SECONDS}
         * until answered: the server answers only once the alarm is stored, and recognises the copy.
         */
        void sendSos() {
            byte[] sos = dialect.sos(device, Instant.now(), 0, 0, false, TerminalAnswers.DC09_ALARM_SEQUENCE - 1);
            Channel c = channel;
            if (c != null && c.isActive()) {
                c.writeAndFlush(Unpooled.wrappedBuffer(sos), c.voidPromise());
                c.eventLoop().schedule(() -> retransmitUntilAnswered(sos), RETRANSMIT_SECONDS, TimeUnit.SECONDS);
            }
        }

        private void retransmitUntilAnswered(byte[] sos) {
            Presses p = pressedIn;
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
            // A terminal logs in (GT06) and sends a heartbeat; then one every period, its phase spread evenly over the period.
            byte[] hello = dialect.hello(device, nextSerial());
            if (hello != null) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(hello), ctx.voidPromise());
            }
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
                Answer answer = answers.read(in.getByte(i));
                if (answer != Answer.NONE) {
                    answered(answer);
                }
            }
        }

        private void answered(Answer answer) {
            switch (answer) {
                case HEARTBEAT -> lkAnswered.incrementAndGet();
                case POSITION -> positionAnswered.incrementAndGet();
                case ALARM -> {
                    alAnswered.incrementAndGet();
                    Presses p = pressedIn;
                    int k = press;
                    if (p != null && k >= 0 && p.answered[k] == 0) {
                        p.answered[k] = wallMicros();
                    }
                }
                default -> {
                    return;
                }
            }
            if (answer == loop) {
                send(answer);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    ScaleTerminals(Gateways gateways, int first, int count, int perSource, long heartbeatMillis) {
        this.gateways = gateways;
        this.first = first;
        this.count = count;
        this.perSource = perSource;
        this.heartbeatMillis = heartbeatMillis;
        this.terminals = new Terminal[count];
    }

    /** The id of terminal {@code n} of a protocol, as {@link ScaleTown} registers it: watch 93…, GT06 IMEI 86…, DC-09 account. */
    static String deviceId(String protocol, int n) {
        return switch (protocol) {
            case "WATCH" -> deviceId(n);
            case "GT06" -> String.format(Locale.ROOT, "86%013d", n);
            case "DC09" -> String.format(Locale.ROOT, "%08d", n);
            default -> throw new IllegalArgumentException("no terminal for protocol " + protocol);
        };
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
            }).connect(gateways.gatewayOf(n), new InetSocketAddress(sourceAddress(n, perSource), 0));
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

    /**
     * Presses SOS on distinct terminals of this process from local terminal {@code from} on, each
     * at its due time; records when due, sent and answered.
     */
    void press(long startMicros, double rate, int seconds, int slot, int slots, int from) {
        int total = (int) Math.min(count - from, Math.floor(rate * seconds / slots));
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
            Terminal t = terminals[from + k];
            p.terminal[k] = first + from + k;
            p.intended[k] = due;
            t.pressedIn = p;
            t.press = k;
            p.sent[k] = wallMicros();
            t.sendSos();
        }
    }

    String stats() {
        return String.format(Locale.ROOT, "stats connected=%d failed=%d closed=%d lkSent=%d lkAnswered=%d alAnswered=%d"
                        + " retransmissions=%d positionSent=%d positionAnswered=%d", connected.get(), failed.get(), closed.get(),
                lkSent.get(), lkAnswered.get(), alAnswered.get(), retransmissions.get(), positionSent.get(), positionAnswered.get());
    }

    /** Every terminal sends {@code kind} on its event loop, and again on each answer, until the loop is turned off. */
    void loop(Answer kind) {
        loop = kind;
        for (Terminal t : terminals) {
            Channel c = t == null ? null : t.channel;
            if (c != null && kind != Answer.NONE) {
                c.eventLoop().execute(() -> t.send(kind));
            }
        }
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
     * {@code [PROTOCOL@]host:port,…} ({@link Gateways}).
     */
    public static void main(String[] args) throws Exception {
        ScaleTerminals load = new ScaleTerminals(Gateways.parse(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
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
                    int from = cmd.length > 6 ? Integer.parseInt(cmd[6]) : 0;
                    Thread presser = new Thread(() -> {
                        load.press(start, rate, seconds, slot, slots, from);
                        System.out.println("pressed");
                        System.out.flush();
                    }, "sos");
                    presser.setPriority(Thread.MAX_PRIORITY);
                    presser.start();
                }
                case "presses" -> load.printPresses();
                case "loop" -> load.loop(switch (cmd[1]) {
                    case "heartbeat" -> Answer.HEARTBEAT;
                    case "position" -> Answer.POSITION;
                    default -> Answer.NONE;
                });
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
