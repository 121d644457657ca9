package io.onekey.device.protocol.dc09;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.testing.CapturedFrames;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Dc09ReceiverTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final String STAMP = Dc09Timestamps.format(NOW);

    @Test
    void personalEmergencyIsAckedWithItsHeaderEchoedAndBecomesAnSos() {
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            List<String> answers = harness.send(Dc09Harness.message(
                    "\"ADM-CID\"0042R1L1#7788[#7788|1101 01 015]" + STAMP));
            assertEquals(List.of(Dc09AnswerEncoder.frame("\"ACK\"0042R1L1#7788[]")), answers);
            Alarm alarm = assertInstanceOf(Alarm.class, harness.handOff.stored().get(0));
            assertEquals(AlarmKind.SOS, alarm.kind());
            assertEquals("7788", alarm.deviceId());
            assertEquals(Protocol.DC09, alarm.protocol());
            assertEquals("CID:1101 01 015", alarm.rawCode());
            assertEquals(NOW, alarm.deviceTime().orElseThrow());
        }
    }

    @Test
    void encryptedAlarmIsDecryptedAndAnsweredWithAnEncryptedAck() {
        byte[] key = Dc09Keys.parse(Dc09Harness.KEY);
        String secret = Dc09Cipher.encryptPadded("|1101 01 015]" + STAMP, key);
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            List<String> answers = harness.send(Dc09Harness.message("\"*ADM-CID\"0007L0#AAA1[" + secret));
            String answer = Dc09Harness.body(answers.get(0));
            assertTrue(answer.startsWith("\"*ACK\"0007R0L0#AAA1["), answer);
            String plain = Dc09Cipher.decrypt(answer.substring(answer.indexOf('[') + 1), key).orElseThrow();
            assertTrue(plain.endsWith("|]" + STAMP), plain);
            assertEquals(AlarmKind.SOS, ((Alarm) harness.handOff.stored().get(0)).kind());
        }
    }

    @Test
    void anAccountWithAKeyMustEncryptAndEncryptedMessagesMustBeTimestamped() {
        byte[] key = Dc09Keys.parse(Dc09Harness.KEY);
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            List<String> plain = harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#AAA1[#AAA1|1406 01 001]" + STAMP));
            assertTrue(Dc09Harness.body(plain.get(0)).startsWith("\"NAK\""), "a plain cancel for a keyed account is refused");
            String noStamp = Dc09Cipher.encryptPadded("|1101 01 015]", key);
            List<String> undated = harness.send(Dc09Harness.message("\"*ADM-CID\"0002L0#AAA1[" + noStamp));
            assertTrue(Dc09Harness.body(undated.get(0)).startsWith("\"NAK\""));
            assertTrue(harness.handOff.stored().isEmpty());
        }
    }

    @Test
    void aCiphertextThatDoesNotDecryptWithAZeroIvIsNaked() {
        // The captured sender whose first block does not decrypt with a zero IV, with the right key.
        var capture = CapturedFrames.dc09Messages().stream().filter(f -> f.label().contains("decrypt run_re")).findFirst().orElseThrow();
        Dc09Keys.Lookup keys = account -> Optional.of(Dc09Keys.parse(Dc09Harness.KEY));
        try (Dc09Harness harness = new Dc09Harness(Instant.parse("2020-07-08T21:47:00Z"), DeviceAdmission.ADMIT_ALL,
                Dc09Settings.defaults(), keys)) {
            assertTrue(Dc09Harness.body(harness.send(capture.bytes()).get(0)).startsWith("\"NAK\""));
            assertEquals(1.0, harness.counter("onekey.gateway.frames.invalid", "reason", "decrypt-failed"));
        }
    }

    @Test
    void keysAreReadAsAsciiOrHex() {
        assertEquals(16, Dc09Keys.parse("AAAAAAAAAAAAAAAA").length);
        assertEquals(32, Dc09Keys.parse("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb").length, "32 characters: ASCII AES-256");
        assertEquals(16, Dc09Keys.parse("hex:000102030405060708090a0b0c0d0e0f").length);
        assertEquals(24, Dc09Keys.parse("000102030405060708090a0b0c0d0e0f1011121314151617").length);
        assertEquals(32, Dc09Keys.parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").length);
    }

    @Test
    void messageOutsideTheTimestampWindowIsNakedWithTheReceiverTime() {
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            String old = Dc09Timestamps.format(NOW.minus(Duration.ofSeconds(41)));
            String ahead = Dc09Timestamps.format(NOW.plus(Duration.ofSeconds(21)));
            String slightlyAhead = Dc09Timestamps.format(NOW.plus(Duration.ofSeconds(19)));
            String nak = Dc09AnswerEncoder.frame("\"NAK\"0000R0L0A0[]" + STAMP);
            assertEquals(List.of(nak), harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|1101 01 015]" + old)));
            assertEquals(List.of(nak), harness.send(Dc09Harness.message("\"ADM-CID\"0002L0#7788[#7788|1101 01 015]" + ahead)));
            assertTrue(harness.handOff.stored().isEmpty());
            harness.send(Dc09Harness.message("\"ADM-CID\"0003L0#7788[#7788|1101 01 015]" + slightlyAhead));
            assertEquals(1, harness.handOff.stored().size());
        }
    }

    @Test
    void unknownAccountIsNakedAndProducesNothing() {
        try (Dc09Harness harness = new Dc09Harness(NOW, (protocol, id) -> DeviceAdmission.Verdict.REFUSED,
                Dc09Settings.defaults())) {
            List<String> answers = harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|1101 01 015]" + STAMP));
            assertTrue(Dc09Harness.body(answers.get(0)).startsWith("\"NAK\""));
            assertTrue(harness.handOff.stored().isEmpty());
            assertTrue(harness.channel.isActive(), "an unknown account is refused, not disconnected");
        }
    }

    @Test
    void unsupportedTokenIsAnsweredDuh() {
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            List<String> answers = harness.send(Dc09Harness.message("\"SIA-TXT\"0005L0#7788[#7788|hello]"));
            assertEquals(List.of(Dc09AnswerEncoder.frame("\"DUH\"0005R0L0#7788[]")), answers);
        }
    }

    @Test
    void restoreAndClosingReportOnlyProveThePanelAlive() {
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|3301 00 000]"));
            harness.send(Dc09Harness.message("\"SIA-DCS\"0002L0#7788[#7788|Nri1/CL501]"));
            harness.send(Dc09Harness.message("\"NULL\"0003L0#7788[]"));
            assertEquals(3, harness.handOff.stored().size());
            harness.handOff.stored().forEach(e -> assertInstanceOf(Heartbeat.class, e));
        }
    }

    @Test
    void unknownCodesAreRaisedAsOtherWithTheRawCode() {
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|1999 00 000]"));
            harness.send(Dc09Harness.message("\"SIA-DCS\"0002L0#7788[#7788|NZZ12]"));
            List<DeviceEvent> events = harness.handOff.stored();
            assertEquals(AlarmKind.OTHER, ((Alarm) events.get(0)).kind());
            assertEquals("CID:1999 00 000", ((Alarm) events.get(0)).rawCode());
            assertEquals("SIA:ZZ12", ((Alarm) events.get(1)).rawCode());
        }
    }

    @Test
    void siaCodesMapToKindsAndPositionBlocksGiveAPosition() {
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            harness.send(Dc09Harness.message("\"SIA-DCS\"0001L0#7788[#7788|Nri1/MA01][X006E07.7777777][Y49N06.6666666]" + STAMP));
            Alarm alarm = (Alarm) harness.handOff.stored().get(0);
            assertEquals(AlarmKind.MEDICAL, alarm.kind());
            assertEquals(49.111111, alarm.position().orElseThrow().lat(), 1e-6);
            assertEquals(6.129630, alarm.position().orElseThrow().lon(), 1e-6);
        }
    }

    @Test
    void aPlainMessageWithoutTimestampIsRefusedWhenTimestampsAreRequired() {
        Dc09Settings required = new Dc09Settings(Duration.ofSeconds(20), Duration.ofSeconds(40), Dc09CodeTable.defaults(), true);
        try (Dc09Harness harness = new Dc09Harness(NOW, DeviceAdmission.ADMIT_ALL, required)) {
            assertTrue(Dc09Harness.body(harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|1101 01 015]")).get(0))
                    .startsWith("\"NAK\""), "without a timestamp a captured message could be replayed");
            assertTrue(harness.handOff.stored().isEmpty());
            assertTrue(Dc09Harness.body(harness.send(Dc09Harness.message("\"ADM-CID\"0002L0#7788[#7788|1101 01 015]" + STAMP))
                    .get(0)).startsWith("\"ACK\""));
        }
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            assertTrue(Dc09Harness.body(harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|1101 01 015]")).get(0))
                    .startsWith("\"ACK\""), "by default a panel without a clock is still heard");
        }
    }

    @Test
    void vendorOverrideRemapsACodeForItsAccountsOnly() {
        Dc09Settings settings = new Dc09Settings(Duration.ofSeconds(20), Duration.ofSeconds(40),
                Dc09CodeTable.withOverrides("102=FALL@77"));
        try (Dc09Harness harness = new Dc09Harness(NOW, DeviceAdmission.ADMIT_ALL, settings)) {
            harness.send(Dc09Harness.message("\"ADM-CID\"0001L0#7788[#7788|1102 00 001]"));
            harness.send(Dc09Harness.message("\"ADM-CID\"0002L0#5500[#5500|1102 00 001]"));
            assertEquals(AlarmKind.FALL, ((Alarm) harness.handOff.stored().get(0)).kind());
            assertEquals(AlarmKind.OTHER, ((Alarm) harness.handOff.stored().get(1)).kind());
        }
    }

    @Test
    void decimalLengthAndBinaryCrcAreToleratedAndCounted() {
        String body = "\"SIA-DCS\"9876R579BDFL789ABC#12345A[#12345A|NFA129]";
        String framed = Dc09Harness.message(body);
        String crc = framed.substring(1, 5);
        String decimalLength = "\n" + crc + "0050" + body + "\r"; // 0x32 = 50 written in decimal
        String binaryCrc = "\n" + (char) Integer.parseInt(crc.substring(0, 2), 16) + (char) Integer.parseInt(crc.substring(2), 16)
                + "0032" + body + "\r";
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            assertTrue(Dc09Harness.body(harness.send(decimalLength).get(0)).startsWith("\"ACK\""));
            assertTrue(Dc09Harness.body(harness.send(binaryCrc).get(0)).startsWith("\"ACK\""));
            assertEquals(1.0, harness.counter("onekey.gateway.frames.tolerated", "defect", "length-decimal"));
            assertEquals(1.0, harness.counter("onekey.gateway.frames.tolerated", "defect", "binary-crc"));
        }
    }

    @Test
    void aRunOfBadMessagesIsNakedThenTheConnectionClosed() {
        try (Dc09Harness harness = new Dc09Harness(NOW)) {
            for (int i = 0; i < 9; i++) {
                assertTrue(Dc09Harness.body(harness.send("0000001A\"SIA-DCS\"0001L0#1[]").get(0)).startsWith("\"NAK\""));
            }
            assertTrue(harness.channel.isActive());
            harness.send("0000001A\"SIA-DCS\"0001L0#1[]");
            assertTrue(!harness.channel.isActive());
            assertEquals(10.0, harness.counter("onekey.gateway.frames.invalid", "reason", "bad-crc"));
        }
    }

    @Test
    void overUdpEachDatagramIsOneMessageAnsweredToItsSender() {
        Dc09Harness tcp = new Dc09Harness(NOW);
        Dc09Receiver receiver = new Dc09Receiver(Dc09Settings.defaults(), account -> java.util.Optional.empty());
        EmbeddedChannel udp = new EmbeddedChannel(new Dc09DatagramAnswerEncoder(), new Dc09DatagramHandler(receiver,
                new DeviceSession(Protocol.DC09, tcp.services, new GatewayMetrics(tcp.services.registry(), Protocol.DC09),
                        DeviceSession.newLogGate(tcp.services), false), 2048,
                Dc09DatagramHandler.refusalLimit(tcp.services.clock())));
        InetSocketAddress panel = new InetSocketAddress("192.0.2.10", 40001);
        String message = Dc09Harness.message("\"ADM-CID\"0042L0#7788[#7788|1101 01 015]" + STAMP);
        udp.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(message, StandardCharsets.ISO_8859_1), new InetSocketAddress(7100), panel));
        DatagramPacket answer = udp.readOutbound();
        assertEquals(panel, answer.recipient());
        assertEquals(Dc09AnswerEncoder.frame("\"ACK\"0042R0L0#7788[]"), answer.content().toString(StandardCharsets.ISO_8859_1));
        answer.release();
        for (int i = 0; i < 20; i++) {
            udp.writeInbound(new DatagramPacket(Unpooled.copiedBuffer("garbage", StandardCharsets.ISO_8859_1), new InetSocketAddress(7100), panel));
        }
        assertTrue(udp.isActive(), "garbage never closes the shared UDP channel");
        udp.finishAndReleaseAll();
        tcp.close();
        assertEquals(AlarmKind.SOS, ((Alarm) tcp.handOff.stored().get(0)).kind());
    }

    @Test
    void framesAreCutAtCrAcrossReadsAndOversizedOnesAreDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new Dc09FrameDecoder(64));
        String message = Dc09Harness.message("\"NULL\"0001L0#7788[]");
        channel.writeInbound(Unpooled.copiedBuffer(message.substring(0, 10), StandardCharsets.ISO_8859_1));
        channel.writeInbound(Unpooled.copiedBuffer(message.substring(10) + "\n" + "9".repeat(100) + "\r" + message,
                StandardCharsets.ISO_8859_1));
        ByteBuf first = channel.readInbound();
        assertEquals(message, first.toString(StandardCharsets.ISO_8859_1));
        first.release();
        assertInstanceOf(io.onekey.device.session.InvalidFrame.class, channel.readInbound());
        ByteBuf last = channel.readInbound();
        assertEquals(message, last.toString(StandardCharsets.ISO_8859_1));
        last.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void theCapturedNullMessageDecryptsWithThePublishedKey() {
        String frame = CapturedFrames.dc09Messages().stream().filter(f -> f.label().contains("decrypt case_null"))
                .findFirst().orElseThrow().text();
        String hex = frame.substring(frame.indexOf('[') + 1);
        assertEquals("]_18:24:52,07-05-2020", Dc09Parser.stripPad(Dc09Cipher.decrypt(hex, Dc09Keys.parse("AAAAAAAAAAAAAAAA"))
                .orElseThrow()).orElseThrow());
    }
}
