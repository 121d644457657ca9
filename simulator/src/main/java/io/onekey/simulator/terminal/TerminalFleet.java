package io.onekey.simulator.terminal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.util.AttributeKey;
import io.onekey.device.command.DeviceCommand;
import io.onekey.simulator.town.Town;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated terminals of every protocol, one TCP connection each, sending heartbeats on their
 * interval and SOS presses on demand. Home terminals press without a GPS fix; wearables send
 * a fix near home. Watches and GT06 pendants obey the server's locate (and a watch its ring). A dropped connection is re-opened after a few seconds, as devices do.
 */
public final class TerminalFleet implements AutoCloseable {

    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(5);

    private final String host;
    private final Map<String, Integer> ports;
    private final Map<String, Dialect> dialects;
    private final Map<String, AtomicInteger> serials = new ConcurrentHashMap<>();
    private final Town town;
    private final Duration heartbeat;
    private final Random random;
    private final PrintStream log;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, Channel> connected = new ConcurrentHashMap<>();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong sosSent = new AtomicLong();
    private final Bootstrap bootstrap;
    private volatile boolean closing;

    /**
     * @param ports the server's port for each protocol: DC09, WATCH, GT06
     */
    public TerminalFleet(String host, Map<String, Integer> ports, Town town, Duration heartbeat, long seed, PrintStream log) {
        this.host = host;
        this.ports = Map.copyOf(ports);
        this.town = town;
        this.heartbeat = heartbeat;
        this.random = new Random(seed);
        this.log = log;
        this.dialects = Map.of("WATCH", Dialect.of("WATCH", random), "DC09", Dialect.of("DC09", random),
                "GT06", Dialect.of("GT06", random));
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new AnswerCounter());
                        // The answer's end byte depends on the protocol; set per connection below.
                    }
                });
    }

    /** Connects every terminal, spread over a second or two so the server sees a realistic ramp. */
    public void start() {
        List<Town.Device> devices = town.devices();
        for (int i = 0; i < devices.size(); i++) {
            Town.Device device = devices.get(i);
            long delayMillis = devices.size() <= 1 ? 0 : 2_000L * i / devices.size();
            group.schedule(() -> connect(device), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void connect(Town.Device device) {
        if (closing) {
            return;
        }
        Dialect dialect = dialects.get(device.protocol());
        Integer port = ports.get(device.protocol());
        if (dialect == null || port == null) {
            log.printf("simulator: no %s terminal simulation; device %s stays silent%n", device.protocol(), device.id());
            return;
        }
        bootstrap.connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                group.schedule(() -> connect(device), RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            Channel channel = ((io.netty.channel.ChannelFuture) f).channel();
            channel.attr(ANSWER_END).set(dialect.answerEnd());
            channel.attr(DEVICE).set(device);
            connected.put(device.id(), channel);
            channel.closeFuture().addListener(c -> {
                connected.remove(device.id(), channel);
                group.schedule(() -> connect(device), RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            });
            byte[] hello = dialect.hello(device, serial(device));
            if (hello != null) {
                send(channel, hello);
            }
            send(channel, dialect.heartbeat(device, Instant.now(), serial(device)));
            long period = heartbeat.toMillis();
            long first = (long) (random.nextDouble() * period);
            channel.eventLoop().scheduleAtFixedRate(() -> send(channel, dialect.heartbeat(device, Instant.now(), serial(device))),
                    first, period, TimeUnit.MILLISECONDS);
        });
    }

    /** A random connected resident presses the button; returns the device id, or null if none is connected. */
    public String pressSos() {
        List<String> ids = List.copyOf(connected.keySet());
        if (ids.isEmpty()) {
            return null;
        }
        String id = ids.get(random.nextInt(ids.size()));
        Town.Device device = town.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
        Town.Resident resident = town.resident(device.residentId());
        boolean wearable = "WEARABLE".equals(device.type());
        double[] at = whereIs(device);
        double lat = at[0];
        double lon = at[1];
        Channel channel = connected.get(id);
        if (channel == null) {
            return null;
        }
        send(channel, dialects.get(device.protocol()).sos(device, Instant.now(), lat, lon, wearable, serial(device)));
        sosSent.incrementAndGet();
        log.printf("simulator: SOS pressed on %s %s %s (%s, %s)%n", device.protocol(), wearable ? "wearable" : "home terminal",
                id, resident.id(), resident.name());
        return id;
    }

    /** Where a terminal is: a home terminal at home, a wearable somewhere near it. */
    private double[] whereIs(Town.Device device) {
        Town.Resident resident = town.resident(device.residentId());
        boolean wearable = "WEARABLE".equals(device.type());
        return new double[] {resident.home().lat() + (wearable ? (random.nextDouble() - 0.5) * 0.002 : 0),
            resident.home().lon() + (wearable ? (random.nextDouble() - 0.5) * 0.002 : 0)};
    }

    /** The server's commands are obeyed as the real terminals do: acknowledged, a locate answered with a fresh fix. */
    private void obey(Channel channel, Town.Device device, byte[] received) {
        Dialect dialect = dialects.get(device.protocol());
        for (DeviceCommand command : dialect.commandsIn(received)) {
            double[] at = whereIs(device);
            for (byte[] frame : dialect.answer(command, device, Instant.now(), at[0], at[1], serial(device))) {
                send(channel, frame);
            }
            log.printf("simulator: %s %s obeyed %s%n", device.protocol(), device.id(), command);
        }
    }

    private void send(Channel channel, byte[] frame) {
        if (channel.isActive()) {
            channel.writeAndFlush(channel.alloc().buffer(frame.length).writeBytes(frame));
            framesSent.incrementAndGet();
        }
    }

    /** Each terminal numbers its messages (DC-09 sequence, GT06 serial). */
    private int serial(Town.Device device) {
        return serials.computeIfAbsent(device.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    public int connectedCount() {
        return connected.size();
    }

    public long framesSent() {
        return framesSent.get();
    }

    public long answersReceived() {
        return answers.get();
    }

    public long sosSent() {
        return sosSent.get();
    }

    @Override
    public void close() {
        closing = true;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static final AttributeKey<Byte> ANSWER_END = AttributeKey.valueOf("onekey.answer-end");
    private static final AttributeKey<Town.Device> DEVICE = AttributeKey.valueOf("onekey.device");

    /** Counts the server's answers by their last byte, and obeys the commands among them. */
    private final class AnswerCounter extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            Byte end = ctx.channel().attr(ANSWER_END).get();
            for (int i = msg.readerIndex(); i < msg.writerIndex(); i++) {
                if (end != null && msg.getByte(i) == end) {
                    answers.incrementAndGet();
                }
            }
            Town.Device device = ctx.channel().attr(DEVICE).get();
            if (device != null) {
                obey(ctx.channel(), device, ByteBufUtil.getBytes(msg));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
