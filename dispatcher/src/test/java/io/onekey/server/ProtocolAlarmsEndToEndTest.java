package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.gateway.GatewayServer;
import io.onekey.device.protocol.dc09.Dc09AnswerEncoder;
import io.onekey.device.protocol.dc09.Dc09Cipher;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.protocol.dc09.Dc09Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SOS from each protocol, over real sockets, answered as the device expects and raised as
 * an alert for the right resident: DC-09 over TCP and UDP, plain and AES-encrypted; GT06.
 */
class ProtocolAlarmsEndToEndTest {

    private static final byte[] KEY = Dc09Keys.parse("AAAAAAAAAAAAAAAA");

    private RunningServer running;

    @BeforeEach
    void start() throws Exception {
        running = RunningServer.start(Map.of());
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void dc09PersonalEmergencyOverTcpIsAckedAndRaised() throws Exception {
        String answer = overTcp(plain("0001"));
        assertEquals(Dc09AnswerEncoder.frame("\"ACK\"0001R0L0#7788[]"), answer);
        assertSosFor("R2", "DC09");
    }

    @Test
    void dc09PersonalEmergencyOverUdpIsAckedAndRaised() throws Exception {
        String answer = overUdp(plain("0002"));
        assertEquals(Dc09AnswerEncoder.frame("\"ACK\"0002R0L0#7788[]"), answer);
        assertSosFor("R2", "DC09");
    }

    @Test
    void encryptedDc09PersonalEmergencyOverTcpGetsAnEncryptedAckAndIsRaised() throws Exception {
        assertEncryptedAck(overTcp(encrypted("0003")), "0003");
        assertSosFor("R3", "DC09");
    }

    @Test
    void encryptedDc09PersonalEmergencyOverUdpGetsAnEncryptedAckAndIsRaised() throws Exception {
        assertEncryptedAck(overUdp(encrypted("0004")), "0004");
        assertSosFor("R3", "DC09");
    }

    @Test
    void gt06SosIsAnsweredAndRaisedWithItsGpsPosition() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", running.server.port(GatewayServer.Listener.GT06_TCP))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(HexFormat.of().parseHex("78780d01086471700328358100093f040d0a"));
            assertEquals("78780501000955940d0a", HexFormat.of().formatHex(socket.getInputStream().readNBytes(10)));
            socket.getOutputStream().write(HexFormat.of().parseHex(
                    "7878241617070a150e24ca01fba0040780e177005c0001720253360027db6204e40400004bf1e90d0a"));
            assertEquals("78780516004b3d120d0a", HexFormat.of().formatHex(socket.getInputStream().readNBytes(10)));
        }
        JsonObject alert = assertSosFor("R4", "GT06");
        assertEquals("GPS", alert.getJsonObject("position").getString("source"));
        assertEquals(18.482, alert.getJsonObject("position").getDouble("lat"), 1e-3);
    }

    private static String plain(String sequence) {
        return Dc09AnswerEncoder.frame("\"ADM-CID\"" + sequence + "L0#7788[#7788|1101 01 015]" + Dc09Timestamps.format(Instant.now()));
    }

    private static String encrypted(String sequence) {
        String secret = Dc09Cipher.encryptPadded("|1101 01 015]" + Dc09Timestamps.format(Instant.now()), KEY);
        return Dc09AnswerEncoder.frame("\"*ADM-CID\"" + sequence + "L0#AAA1[" + secret);
    }

    private static void assertEncryptedAck(String answer, String sequence) {
        String body = answer.substring(9, answer.length() - 1);
        assertTrue(body.startsWith("\"*ACK\"" + sequence + "R0L0#AAA1["), body);
        String plain = Dc09Cipher.decrypt(body.substring(body.indexOf('[') + 1), KEY).orElseThrow();
        assertTrue(plain.contains("|]_"), plain);
    }

    private JsonObject assertSosFor(String residentId, String protocol) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().size() == 1);
        JsonObject alert = alerts().getJsonObject(0);
        assertEquals(residentId, alert.getString("residentId"));
        assertEquals("SOS", alert.getString("kind"));
        assertEquals(protocol, alert.getString("protocol"));
        return alert;
    }

    private JsonArray alerts() throws Exception {
        return new JsonObject(TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).body()).getJsonArray("items");
    }

    private String overTcp(String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", running.server.port(GatewayServer.Listener.DC09_TCP))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(message.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                answer.append((char) b);
                if (b == '\r') {
                    break;
                }
            }
            return answer.toString();
        }
    }

    private String overUdp(String message) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                    running.server.port(GatewayServer.Listener.DC09_UDP)));
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            socket.receive(answer);
            return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.ISO_8859_1);
        }
    }
}
