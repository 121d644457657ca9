package io.onekey.device.protocol.gt06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.onekey.device.event.Location;
import io.onekey.device.event.PositionSource;
import io.onekey.device.testing.CapturedFrame;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.monitoring.MetricNames;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device's answer to WHERE#: a string packet whose text holds its position. */
class Gt06TextPositionTest {

    private static CapturedFrame capture(String startsWith) {
        return CapturedFrames.gt06Frames().stream()
                .filter(f -> HexFormat.of().formatHex(f.bytes()).startsWith(startsWith)).findFirst().orElseThrow();
    }

    @Test
    void capturedCurrentPositionAnswerBecomesAGpsLocation() {
        CapturedFrame answer = capture("7979007121000000000143757272656e7420706f736974696f6e");
        try (Gt06Harness harness = Gt06Harness.loggedIn()) {
            List<String> replies = harness.send(answer.bytes());

            assertEquals(List.of(), replies, "extended (79 79) packets are not acknowledged");
            List<Location> locations = harness.handOff.stored().stream().filter(e -> e instanceof Location)
                    .map(e -> (Location) e).toList();
            assertEquals(1, locations.size());
            Location fix = locations.get(0);
            assertEquals(54.739332, fix.position().lat(), 1e-6);
            assertEquals(25.273270, fix.position().lon(), 1e-6);
            assertEquals(PositionSource.GPS, fix.position().source());
            assertEquals(Instant.parse("2017-05-26T10:27:47Z"), fix.position().fixTime());
            assertEquals("864717003283581", fix.deviceId());
            assertEquals(0, harness.services.registry().find(MetricNames.GATEWAY_MESSAGES_UNKNOWN).counters().stream()
                    .mapToDouble(c -> c.count()).sum(), "a string packet is a known message");
        }
    }

    @Test
    void capturedTextAnswersWithoutAPositionCarryNoLocation() {
        for (String start : List.of("78782d152500000000437574", "787866150000000000416c72", "797900262100000000020043")) {
            CapturedFrame answer = capture(start);
            try (Gt06Harness harness = Gt06Harness.loggedIn()) {
                harness.send(answer.bytes());
                assertTrue(harness.handOff.stored().stream().noneMatch(e -> e instanceof Location), answer.toString());
            }
        }
    }

    @Test
    void theTextOfEachLayoutIsReadWhole() {
        assertEquals("Cut off the fuel supply: Success!", Gt06TextPosition.text(packet("78782d152500000000437574")).orElseThrow());
        assertEquals("Command error!", Gt06TextPosition.text(packet("797900262100000000020043")).orElseThrow());
        assertTrue(Gt06TextPosition.text(packet("787866150000000000416c72")).orElseThrow()
                .startsWith("Already in the state of fuel supply to resume"));
    }

    @Test
    void southAndWestAreNegativeAndATextWithoutTimeIsAFixTakenOnArrival() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        var fix = Gt06TextPosition.parse("Lat:S33.868800,Lon:W151.209300,Course:0", now).orElseThrow();
        assertEquals(-33.8688, fix.lat(), 1e-6);
        assertEquals(-151.2093, fix.lon(), 1e-6);
        assertEquals(now, fix.fixTime());
        assertTrue(Gt06TextPosition.parse("Lat:N0.0,Lon:E0.0", now).isEmpty(), "no fix is written as zeros");
        assertTrue(Gt06TextPosition.parse("Lat:N95.1,Lon:E10.0", now).isEmpty());
    }

    private static Gt06Packet packet(String start) {
        return (Gt06Packet) Gt06MessageDecoder.decode(Unpooled.wrappedBuffer(capture(start).bytes()));
    }
}
