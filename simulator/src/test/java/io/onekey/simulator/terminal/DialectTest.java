package io.onekey.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Location;
import io.onekey.device.protocol.dc09.Dc09EventMapper;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.protocol.dc09.Dc09Parser;
import io.onekey.device.protocol.dc09.Dc09Settings;
import io.onekey.device.protocol.gt06.Gt06CommandEncoder;
import io.onekey.device.protocol.gt06.Gt06Commands;
import io.onekey.device.protocol.gt06.Gt06EventMapper;
import io.onekey.device.protocol.gt06.Gt06MessageDecoder;
import io.onekey.device.protocol.gt06.Gt06Packet;
import io.onekey.device.protocol.watch.WatchEventMapper;
import io.onekey.device.protocol.watch.WatchMessage;
import io.onekey.device.protocol.watch.WatchMessageDecoder;
import io.onekey.simulator.town.Town;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the simulated terminals send is what the server's own decoders read as an SOS. */
class DialectTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void aGt06PendantSosDecodesAsAnSosWithItsFix() {
        Town.Device pendant = new Town.Device("863500000000002", "GT06", "WEARABLE", "R1", 30, null);
        byte[] frame = new Gt06Dialect().sos(pendant, NOW, 30.2741, 120.1551, true, 7);
        Gt06Packet packet = assertInstanceOf(Gt06Packet.class, Gt06MessageDecoder.decode(Unpooled.wrappedBuffer(frame)));
        assertTrue(packet.crcValid());
        Alarm sos = (Alarm) Gt06EventMapper.map(packet, pendant.id(), NOW).get(0);
        assertEquals(AlarmKind.SOS, sos.kind());
        assertEquals(30.2741, sos.position().orElseThrow().lat(), 1e-5);
        assertEquals(120.1551, sos.position().orElseThrow().lon(), 1e-5);
    }

    @Test
    void anEncryptedDc09PanelSosDecodesWithItsKey() {
        Town.Device panel = new Town.Device("700003", "DC09", "HOME_TERMINAL", "R1", 30, "ABCDEFGHJKLMNPQR");
        byte[] message = new Dc09Dialect().sos(panel, NOW, 0, 0, false, 3);
        Dc09Parser parser = new Dc09Parser(account -> Optional.of(Dc09Keys.parse("ABCDEFGHJKLMNPQR")));
        Dc09Parser.Parsed parsed = assertInstanceOf(Dc09Parser.Parsed.class,
                parser.parse(new String(message, StandardCharsets.ISO_8859_1), NOW));
        assertTrue(parsed.message().encrypted());
        List<DeviceEvent> events = new Dc09EventMapper(Dc09Settings.defaults().codes()).map(parsed.message(), NOW);
        assertEquals(AlarmKind.SOS, ((Alarm) events.get(0)).kind());
    }

    @Test
    void aWatchSosWithoutAFixIsStillAnSos() {
        Town.Device watch = new Town.Device("8600000001", "WATCH", "HOME_TERMINAL", "R1", 30, null);
        String frame = new String(new WatchDialect(new Random(1)).sos(watch, NOW, 0, 0, false, 1), StandardCharsets.ISO_8859_1);
        WatchMessage message = assertInstanceOf(WatchMessage.class, WatchMessageDecoder.decode(frame));
        Alarm sos = (Alarm) WatchEventMapper.map(message, NOW).get(0);
        assertEquals(AlarmKind.SOS, sos.kind());
        assertTrue(sos.position().isEmpty());
    }

    @Test
    void aWatchAcknowledgesCrAndReportsAFreshPositionAndAcknowledgesFind() {
        Town.Device watch = new Town.Device("8600000001", "WATCH", "WEARABLE", "R1", 30, null);
        WatchDialect dialect = new WatchDialect(new Random(1));
        byte[] received = "[SG*8600000001*0002*LK][SG*8600000001*0002*CR][SG*8600000001*0004*FIND]"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of(DeviceCommand.LOCATE, DeviceCommand.RING), dialect.commandsIn(received));

        List<byte[]> locate = dialect.answer(DeviceCommand.LOCATE, watch, NOW, 30.2741, 120.1551, 1);
        assertEquals("[SG*8600000001*0002*CR]", new String(locate.get(0), StandardCharsets.ISO_8859_1));
        WatchMessage report = assertInstanceOf(WatchMessage.class,
                WatchMessageDecoder.decode(new String(locate.get(1), StandardCharsets.ISO_8859_1)));
        Location fix = (Location) WatchEventMapper.map(report, NOW).get(0);
        assertEquals(30.2741, fix.position().lat(), 1e-5);
        assertEquals(120.1551, fix.position().lon(), 1e-5);
        assertEquals(List.of("[SG*8600000001*0004*FIND]"), dialect.answer(DeviceCommand.RING, watch, NOW, 0, 0, 2).stream()
                .map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList());
    }

    @Test
    void aGt06PendantAnswersWhereWithItsPositionInWords() {
        Town.Device pendant = new Town.Device("863500000000002", "GT06", "WEARABLE", "R1", 30, null);
        Gt06Dialect dialect = new Gt06Dialect();
        EmbeddedChannel server = new EmbeddedChannel(new Gt06CommandEncoder());
        server.writeOutbound(Gt06Commands.packet(DeviceCommand.LOCATE, 5).orElseThrow());
        ByteBuf written = server.readOutbound();
        byte[] command = ByteBufUtil.getBytes(written);
        written.release();
        assertEquals(List.of(DeviceCommand.LOCATE), dialect.commandsIn(command));

        byte[] answer = dialect.answer(DeviceCommand.LOCATE, pendant, NOW, 30.2741, -120.1551, 6).get(0);
        Gt06Packet packet = assertInstanceOf(Gt06Packet.class, Gt06MessageDecoder.decode(Unpooled.wrappedBuffer(answer)));
        assertTrue(packet.crcValid());
        Location fix = Gt06EventMapper.map(packet, pendant.id(), NOW).stream().filter(e -> e instanceof Location)
                .map(e -> (Location) e).findFirst().orElseThrow();
        assertEquals(30.2741, fix.position().lat(), 1e-5);
        assertEquals(-120.1551, fix.position().lon(), 1e-5);
        assertEquals(NOW, fix.position().fixTime());
        assertTrue(dialect.answer(DeviceCommand.RING, pendant, NOW, 0, 0, 7).isEmpty(), "GT06 has no ring");
    }
}
