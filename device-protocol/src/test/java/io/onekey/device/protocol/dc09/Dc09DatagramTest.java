package io.onekey.device.protocol.dc09;

import io.onekey.monitoring.MetricNames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DC-09 over UDP answers an address the sender only claims: anything it sends back can be
 * aimed at someone else. So a datagram that is not DC-09 at all gets no answer, refusals (NAK,
 * DUH) are limited per source address, and what is held back is counted.
 */
class Dc09DatagramTest {

    private static final InetSocketAddress LISTENER = new InetSocketAddress(7100);
    private static final String STAMP = Dc09Timestamps.format(TestGateway.NOW);

    private final RecordingHandOff handOff = new RecordingHandOff();
    private final GatewayServices services = TestGateway.services(handOff, DeviceAdmission.ADMIT_ALL);
    private final EmbeddedChannel udp = new EmbeddedChannel(new Dc09DatagramAnswerEncoder(), new Dc09DatagramHandler(
            new Dc09Receiver(Dc09Settings.defaults(), Dc09Keys.Lookup.NONE),
            new DeviceSession(Protocol.DC09, services, new GatewayMetrics(services.registry(), Protocol.DC09),
                    DeviceSession.newLogGate(services), false),
            2048, Dc09DatagramHandler.refusalLimit(services.clock())));

    @AfterEach
    void release() {
        udp.finishAndReleaseAll();
    }

    @Test
    void aDatagramThatIsNotDc09GetsNoAnswerOnlyACount() {
        InetSocketAddress victim = new InetSocketAddress("192.0.2.55", 53);
        assertEquals(List.of(), send("x", victim), "a 1-byte datagram is not answered");
        assertEquals(List.of(), send("GET / HTTP/1.1\r\n\r\n", victim));
        assertEquals(List.of(), send("", victim));
        assertEquals(3.0, counter(MetricNames.GATEWAY_FRAMES_INVALID, "reason", "bad-frame"));
        assertEquals(3.0, counter(MetricNames.GATEWAY_ANSWERS_WITHHELD, "reason", "not-dc09"));
    }

    @Test
    void refusalsAreLimitedPerSourceAddressWhateverThePort() {
        String badCrc = Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|1101 01 015]" + STAMP).replaceFirst("\n....", "\n0000");
        int naks = 0;
        for (int port = 1; port <= 30; port++) {
            naks += send(badCrc, new InetSocketAddress("192.0.2.55", port)).size();
        }
        assertEquals(Dc09DatagramHandler.REFUSAL_BURST, naks, "a burst of NAKs, then none: the clock does not move");
        assertEquals(30.0 - naks, counter(MetricNames.GATEWAY_ANSWERS_WITHHELD, "reason", "rate-limited"));
        assertEquals(30.0, counter(MetricNames.GATEWAY_FRAMES_INVALID, "reason", "bad-crc"), "every one is still counted");

        List<String> other = send(badCrc, new InetSocketAddress("192.0.2.56", 1));
        assertTrue(Dc09Harness.body(other.get(0)).startsWith("\"NAK\""), "another address still gets its NAK");
    }

    @Test
    void anAlarmIsAckedEvenFromAnAddressWhoseRefusalsAreSpent() {
        InetSocketAddress panel = new InetSocketAddress("192.0.2.57", 40001);
        String unsupported = Dc09Harness.message("\"SIA-TXT\"0005L0#7788[#7788|hello]");
        for (int i = 0; i < 20; i++) {
            send(unsupported, panel);
        }
        List<String> answers = send(Dc09Harness.message("\"ADM-CID\"0042L0#7788[#7788|1101 01 015]" + STAMP), panel);
        assertEquals(List.of(Dc09AnswerEncoder.frame("\"ACK\"0042R0L0#7788[]")), answers);
        assertEquals(1, handOff.stored().size());
    }

    private List<String> send(String datagram, InetSocketAddress sender) {
        udp.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(datagram, StandardCharsets.ISO_8859_1), LISTENER, sender));
        List<String> answers = new ArrayList<>();
        DatagramPacket answer;
        while ((answer = udp.readOutbound()) != null) {
            assertEquals(sender, answer.recipient());
            answers.add(answer.content().toString(StandardCharsets.ISO_8859_1));
            answer.release();
        }
        assertNull(udp.readOutbound());
        return answers;
    }

    private double counter(String name, String tag, String value) {
        var counter = services.registry().find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
