package io.onekey.device.gateway;

import io.onekey.monitoring.MetricNames;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.Protocol;
import io.onekey.device.protocol.dc09.Dc09AnswerEncoder;
import io.onekey.device.protocol.dc09.Dc09DatagramAnswerEncoder;
import io.onekey.device.protocol.dc09.Dc09DatagramHandler;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.protocol.dc09.Dc09Receiver;
import io.onekey.device.protocol.dc09.Dc09Settings;
import io.onekey.device.protocol.gt06.Gt06AnswerEncoder;
import io.onekey.device.protocol.gt06.Gt06FrameDecoder;
import io.onekey.device.protocol.gt06.Gt06MessageDecoder;
import io.onekey.device.protocol.gt06.Gt06SessionHandler;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.session.ProtocolLimits;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Garbage from the network is data, not log volume: a flood of bad frames over every listener
 * writes at most one line per peer address and reason a minute, and one line per closed
 * connection at most, however many frames or connections the flood uses. The clock is fixed,
 * so "once a minute" means "once" for the whole test.
 */
class GarbageFloodLogTest {

    private static final int CONNECTIONS_PER_LISTENER = 20;
    private static final int BAD_FRAMES_PER_CONNECTION = 2_000;
    private static final int UDP_DATAGRAMS = 200;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Logger sessionLog;
    private Level previousLevel;
    private GatewayServer gateway;

    @BeforeEach
    void captureTheSessionLog() {
        sessionLog = (Logger) LoggerFactory.getLogger(DeviceSession.class);
        previousLevel = sessionLog.getLevel();
        sessionLog.setLevel(Level.INFO);
        lines.start();
        sessionLog.addAppender(lines);
    }

    @AfterEach
    void release() {
        if (gateway != null) {
            gateway.close();
        }
        sessionLog.detachAppender(lines);
        sessionLog.setLevel(previousLevel);
    }

    @Test
    void aGarbageFloodOverEveryListenerLogsOnceForEachPeerAndReason() throws Exception {
        GatewayConfig d = GatewayConfig.defaults();
        Duration idle = Duration.ofMinutes(1);
        GatewayConfig config = new GatewayConfig("127.0.0.1", 0, 0, 0,
                new ProtocolLimits(2048, idle), new ProtocolLimits(16 * 1024, idle), new ProtocolLimits(4096, idle),
                1_000, 1_000, 10, d.dc09Settings());
        gateway = new GatewayServer(new GatewayServices(config, new RecordingHandOff(), DeviceAdmission.ADMIT_ALL,
                Dc09Keys.Lookup.NONE, Clock.fixed(TestGateway.NOW, ZoneOffset.UTC), registry)).start();
        Random random = new Random(42);

        floodTcp(GatewayServer.Listener.GT06_TCP, i -> gt06BadFrame(random));
        floodTcp(GatewayServer.Listener.WATCH_TCP, i -> ascii(i % 2 == 0 ? "[garbage]" : "[SG*x y*0002*LK]"));
        floodTcp(GatewayServer.Listener.DC09_TCP, i -> ascii(i % 2 == 0 ? "not dc-09\r" : "\n0000001A\"SIA-DCS\"0001L0#1[]\r"));
        double tcpInvalid = invalidFrames();
        floodUdp(random);
        // Loopback may drop datagrams when the socket buffer is full: wait for most, not all.
        await().atMost(Duration.ofSeconds(10)).until(() -> invalidFrames() >= tcpInvalid + UDP_DATAGRAMS / 2);
        gateway.close(); // every frame already read is processed before the event loops stop
        gateway = null;

        double invalid = invalidFrames();
        assertTrue(invalid >= 3 * CONNECTIONS_PER_LISTENER * 10, "the flood really was counted: " + invalid);
        List<ILoggingEvent> logged = List.copyOf(lines.list);
        Map<String, Long> byKey = logged.stream().collect(Collectors.groupingBy(GarbageFloodLogTest::keyOf, Collectors.counting()));
        long closes = logged.stream().filter(e -> e.getMessage().contains("closing connection")).count();
        String summary = logged.size() + " lines for " + (long) invalid + " bad frames: " + byKey;
        assertTrue(logged.size() <= 24, summary);
        assertTrue(byKey.values().stream().allMatch(n -> n == 1), "one line per protocol, peer and reason: " + summary);
        assertEquals(3, closes, "one close line per protocol from one peer address: " + summary);
    }

    @Test
    void theCloseIsLoggedOnceForItsConnectionEvenWhenEveryLineIsDue() {
        // A clock a minute further on at every look: the once-a-minute gate would let every line through.
        GatewayServices services = TestGateway.services(TestGateway.neverClosing(), new RecordingHandOff(),
                DeviceAdmission.ADMIT_ALL, Dc09Keys.Lookup.NONE, TestGateway.NOW);
        GatewayServices ticking = new GatewayServices(GatewayConfig.defaults(), services.handOff(), services.admission(),
                services.dc09Keys(), new MinuteTicks(), services.registry());
        EmbeddedChannel channel = new EmbeddedChannel(new Gt06FrameDecoder(4096), new Gt06MessageDecoder(),
                new Gt06AnswerEncoder(), new Gt06SessionHandler(new DeviceSession(Protocol.GT06, ticking,
                        new GatewayMetrics(ticking.registry(), Protocol.GT06), DeviceSession.newLogGate(ticking))));
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            flood.writeBytes(gt06BadFrame(random));
        }
        channel.writeInbound(Unpooled.wrappedBuffer(flood.toByteArray()));
        assertFalse(channel.isActive());
        long closes = lines.list.stream().filter(e -> e.getMessage().contains("closing connection")).count();
        assertEquals(1, closes, "logged once, not once per frame read after the close");
        assertEquals(10, lines.list.size() - closes, "one line per invalid frame until the close, none after");
        channel.finishAndReleaseAll();
    }

    @Test
    void datagramsFromEverChangingAddressesAreCappedInAll() {
        GatewayServices services = TestGateway.services(new RecordingHandOff(), DeviceAdmission.ADMIT_ALL);
        EmbeddedChannel udp = new EmbeddedChannel(new Dc09DatagramAnswerEncoder(), new Dc09DatagramHandler(
                new Dc09Receiver(Dc09Settings.defaults(), Dc09Keys.Lookup.NONE),
                new DeviceSession(Protocol.DC09, services, new GatewayMetrics(services.registry(), Protocol.DC09),
                        DeviceSession.newLogGate(services), false), 2048,
                Dc09DatagramHandler.refusalLimit(services.clock())));
        for (int i = 0; i < 5_000; i++) {
            InetSocketAddress spoofed = new InetSocketAddress("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF), 1024 + i);
            udp.writeInbound(new io.netty.channel.socket.DatagramPacket(Unpooled.copiedBuffer("x", StandardCharsets.ISO_8859_1),
                    new InetSocketAddress(7100), spoofed));
        }
        assertTrue(lines.list.size() <= 100, lines.list.size() + " lines for 5,000 datagrams from 5,000 addresses");
        assertTrue(udp.isActive());
        udp.finishAndReleaseAll();
    }

    /** Every reading is one minute after the one before. */
    private static final class MinuteTicks extends Clock {
        private long millis = TestGateway.NOW.toEpochMilli();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            millis += 60_000;
            return java.time.Instant.ofEpochMilli(millis);
        }
    }

    private double invalidFrames() {
        return registry.find(MetricNames.GATEWAY_FRAMES_INVALID).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Opens connection after connection from one address, each sending a run of bad frames in one write. */
    private void floodTcp(GatewayServer.Listener listener, Function<Integer, byte[]> badFrame) throws IOException {
        int port = gateway.port(listener);
        for (int c = 0; c < CONNECTIONS_PER_LISTENER; c++) {
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            for (int i = 0; i < BAD_FRAMES_PER_CONNECTION; i++) {
                flood.writeBytes(badFrame.apply(i));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                try {
                    socket.getOutputStream().write(flood.toByteArray());
                    drainUntilClosed(socket.getInputStream());
                } catch (SocketException reset) {
                    // the server closed while the flood was still being written: what it should do
                }
            }
        }
    }

    /** Garbage datagrams and datagrams with a wrong CRC, from several source ports of one address. */
    private void floodUdp(Random random) throws IOException {
        int port = gateway.port(GatewayServer.Listener.DC09_UDP);
        byte[] badCrc = ascii(Dc09AnswerEncoder.frame("\"SIA-DCS\"0001L0#1[]").replaceFirst("\n....", "\n0000"));
        for (int s = 0; s < 5; s++) {
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int i = 0; i < UDP_DATAGRAMS / 5; i++) {
                    byte[] garbage = new byte[1 + random.nextInt(64)];
                    random.nextBytes(garbage);
                    byte[] datagram = i % 2 == 0 ? garbage : badCrc;
                    socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
                }
            }
        }
    }

    private static void drainUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) != -1) {
            // answers to the flood, if any, are not what this test is about
        }
    }

    /** A status packet whose declared end is not 0D 0A, with random bytes where the status was. */
    private static byte[] gt06BadFrame(Random random) {
        byte[] frame = HexFormat.of().parseHex("78780a13000604000205ec57f70d0a");
        for (int i = 4; i < 9; i++) {
            frame[i] = (byte) (random.nextInt(0x70));
        }
        frame[frame.length - 1] = 0x0B;
        return frame;
    }

    /** What a line is about: its protocol, kind of line and reason (not the peer's port). */
    private static String keyOf(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        String kind = event.getMessage().contains("closing") ? "close" : event.getMessage().contains("invalid frame") ? "invalid" : "other";
        String reason = kind.equals("invalid") && args.length > 2 ? String.valueOf(args[2]) : "";
        return args[0] + " " + kind + " " + reason;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
