package io.onekey.device.gateway;

import io.onekey.monitoring.MetricNames;

import io.onekey.device.session.ProtocolLimits;



import io.onekey.device.session.DeviceAdmission;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.device.protocol.dc09.Dc09AnswerEncoder;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.protocol.dc09.Dc09Timestamps;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.device.testing.RecordingHandOff;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway over real loopback sockets: every listener, its answers and its limits. */
class GatewaySocketTest {

    private final RecordingHandOff handOff = new RecordingHandOff();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private GatewayServer gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start(int maxPerAddress, Duration idle) throws Exception {
        GatewayConfig d = GatewayConfig.defaults();
        GatewayConfig config = new GatewayConfig("127.0.0.1", 0, 0, 0,
                new ProtocolLimits(2048, idle), new ProtocolLimits(16 * 1024, idle), new ProtocolLimits(4096, idle),
                maxPerAddress, 100, 10, d.dc09Settings());
        gateway = new GatewayServer(new GatewayServices(config, handOff, DeviceAdmission.ADMIT_ALL, Dc09Keys.Lookup.NONE,
                Clock.systemUTC(), registry)).start();
    }

    @Test
    void eachProtocolIsAnsweredOverItsOwnSocket() throws Exception {
        start(100, Duration.ofMinutes(1));
        String watch = exchange(gateway.port(GatewayServer.Listener.WATCH_TCP), CapturedFrames.watchSos().bytes(), ']');
        assertEquals("[3G*6907919734*0002*AL]", watch);

        try (Socket socket = connect(gateway.port(GatewayServer.Listener.GT06_TCP))) {
            socket.getOutputStream().write(HexFormat.of().parseHex("78780d01086471700328358100093f040d0a"));
            assertEquals("78780501000955940d0a", HexFormat.of().formatHex(socket.getInputStream().readNBytes(10)));
            socket.getOutputStream().write(HexFormat.of().parseHex(
                    "7878241617070a150e24ca01fba0040780e177005c0001720253360027db6204e40400004bf1e90d0a"));
            assertEquals("78780516004b3d120d0a", HexFormat.of().formatHex(socket.getInputStream().readNBytes(10)));
        }

        String dc09 = Dc09AnswerEncoder.frame("\"ADM-CID\"0042L0#7788[#7788|1101 01 015]" + Dc09Timestamps.format(Instant.now()));
        String tcpAnswer = exchange(gateway.port(GatewayServer.Listener.DC09_TCP), dc09.getBytes(StandardCharsets.ISO_8859_1), '\r');
        assertEquals(Dc09AnswerEncoder.frame("\"ACK\"0042R0L0#7788[]"), tcpAnswer);

        try (DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(10_000);
            byte[] message = Dc09AnswerEncoder.frame("\"ADM-CID\"0043L0#7788[#7788|1101 01 015]" + Dc09Timestamps.format(Instant.now()))
                    .getBytes(StandardCharsets.ISO_8859_1);
            udp.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(),
                    gateway.port(GatewayServer.Listener.DC09_UDP)));
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            udp.receive(answer);
            assertEquals(Dc09AnswerEncoder.frame("\"ACK\"0043R0L0#7788[]"),
                    new String(answer.getData(), 0, answer.getLength(), StandardCharsets.ISO_8859_1));
        }
        long sos = handOff.stored().stream().filter(e -> e instanceof Alarm a && a.kind() == AlarmKind.SOS).count();
        assertEquals(4, sos, "one SOS per protocol and transport");
        assertTrue(handOff.stored().stream().anyMatch(e -> e.protocol() == Protocol.GT06));
    }

    @Test
    void aGarbageDatagramIsNotAnsweredButTheNextAlarmIs() throws Exception {
        start(100, Duration.ofMinutes(1));
        int port = gateway.port(GatewayServer.Listener.DC09_UDP);
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(10_000);
            for (byte[] garbage : new byte[][] {{0x01}, "\n\r".getBytes(StandardCharsets.ISO_8859_1),
                    "SR0001L0001    006969XX    [ID00000000]".getBytes(StandardCharsets.ISO_8859_1)}) {
                udp.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), port));
            }
            byte[] alarm = Dc09AnswerEncoder.frame("\"ADM-CID\"0044L0#7788[#7788|1101 01 015]" + Dc09Timestamps.format(Instant.now()))
                    .getBytes(StandardCharsets.ISO_8859_1);
            udp.send(new DatagramPacket(alarm, alarm.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket first = new DatagramPacket(new byte[512], 512);
            udp.receive(first);
            assertEquals(Dc09AnswerEncoder.frame("\"ACK\"0044R0L0#7788[]"),
                    new String(first.getData(), 0, first.getLength(), StandardCharsets.ISO_8859_1),
                    "the first datagram back answers the alarm: the garbage before it got nothing");
        }
    }

    @Test
    void connectionsOverThePerAddressCapAreClosedAtOnce() throws Exception {
        start(2, Duration.ofMinutes(1));
        int port = gateway.port(GatewayServer.Listener.WATCH_TCP);
        // Connections land on different event loops: wait for each to be counted before the next,
        // so that "the third" is the third the server sees.
        try (Socket first = connect(port); Socket second = connectedAs(port, 1); Socket third = connectedAs(port, 2)) {
            assertEquals(-1, third.getInputStream().read(), "the third connection from one address is closed");
            first.getOutputStream().write("[SG*1*0002*LK]".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals('[', first.getInputStream().read(), "the first two still work");
        }
    }

    @Test
    void silentConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        start(100, Duration.ofSeconds(1));
        try (Socket socket = connect(gateway.port(GatewayServer.Listener.GT06_TCP))) {
            socket.setSoTimeout(30_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> socket.getInputStream().read() == -1);
        }
    }

    /** Waits until {@code open} watch connections are counted, then opens one more. */
    private Socket connectedAs(int port, int open) throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                registry.get(MetricNames.GATEWAY_CONNECTIONS_OPEN).tag("protocol", "watch").gauge().value() == open);
        return connect(port);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String exchange(int port, byte[] message, char last) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(message);
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                answer.append((char) b);
                if (b == last) {
                    break;
                }
            }
            return answer.toString();
        }
    }
}
