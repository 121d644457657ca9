package io.onekey.device.protocol.gt06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.session.DeviceAdmission;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What GT06 does with bad input: each bad frame counts once toward
 * {@code gateway.maxInvalidFramesInARow} (10 by default), however it is cut into reads, and a
 * login is only a login when it carries a 15-digit IMEI.
 */
class Gt06BadInputTest {

    private static final String HEARTBEAT = "78780a13000604000205ec57f70d0a";
    /** The captured heartbeat with its declared end broken: 0D 0B instead of 0D 0A. */
    private static final String BAD_FRAMING = "78780a13000604000205ec57f70d0b";

    @Test
    void aConnectionClosesAfterTheTenthBadFrameNotTheFifth() {
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            for (int i = 1; i <= 9; i++) {
                gt06.send(Gt06Harness.hex(BAD_FRAMING));
                assertTrue(gt06.channel.isActive(), "still open after " + i + " bad frames");
            }
            assertEquals(9.0, gt06.invalidInAll(), "one count per bad frame");
            gt06.send(Gt06Harness.hex(BAD_FRAMING));
            assertFalse(gt06.channel.isActive(), "closed at the tenth");
        }
    }

    @Test
    void nineBadFramesInOneReadCountNineAndTheGoodOneAfterThemIsAnswered() {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int i = 0; i < 9; i++) {
            read.writeBytes(Gt06Harness.hex(BAD_FRAMING));
        }
        read.writeBytes(Gt06Harness.hex(HEARTBEAT));
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            assertEquals(List.of("7878051305ecaba20d0a"), gt06.send(read.toByteArray()));
            assertEquals(9.0, gt06.invalid("bad-framing"));
            assertEquals(9.0, gt06.invalidInAll());
            assertTrue(gt06.channel.isActive());
        }
    }

    @Test
    void garbageCutIntoSeveralReadsCountsOnce() {
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            gt06.send(Gt06Harness.hex("0102030405"));
            gt06.send(Gt06Harness.hex("060708090a0b"));
            gt06.send(Gt06Harness.hex("0c0d0e"));
            assertEquals(List.of("7878051305ecaba20d0a"), gt06.send(Gt06Harness.hex(HEARTBEAT)));
            assertEquals(1.0, gt06.invalidInAll());
        }
    }

    @Test
    void anOversizedFrameCountsOnce() {
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            byte[] tooLong = new byte[4 + 0xFFFF + 2];
            tooLong[0] = 0x79;
            tooLong[1] = 0x79;
            tooLong[2] = (byte) 0xFF;
            tooLong[3] = (byte) 0xFF;
            gt06.send(tooLong);
            assertEquals(List.of("7878051305ecaba20d0a"), gt06.send(Gt06Harness.hex(HEARTBEAT)));
            assertEquals(1.0, gt06.invalid("too-long"));
            assertEquals(1.0, gt06.invalidInAll());
        }
    }

    @Test
    void aPeerSendingOnlyGarbageIsStillClosed() {
        byte[] noMarkers = new byte[4097];
        java.util.Arrays.fill(noMarkers, (byte) 0x55);
        try (Gt06Harness gt06 = Gt06Harness.loggedIn()) {
            for (int i = 0; i < 10 && gt06.channel.isActive(); i++) {
                gt06.send(noMarkers);
            }
            assertFalse(gt06.channel.isActive(), "garbage longer than any frame counts again and again");
        }
    }

    @Test
    void aLoginWithAFifteenDigitImeiIsAdmittedAndAnswered() {
        try (Gt06Harness gt06 = new Gt06Harness(DeviceAdmission.ADMIT_ALL)) {
            assertEquals(List.of("78780501000955940d0a"), gt06.send(Gt06Harness.hex(Gt06Harness.LOGIN)));
            assertEquals(List.of("864717003283581"), gt06.admitted);
        }
    }

    @ParameterizedTest(name = "IMEI bytes {0}")
    @ValueSource(strings = {
        "0000000000000012", // "12", padded with zeros: no device has this IMEI
        "1234567890123456", // sixteen digits
        "0864717003283a81", // a nibble that is not a decimal digit
        "ffffffffffffffff",
        "0000000000000000",
    })
    void aLoginWhoseImeiIsNotFifteenDigitsIsRefusedCountedAndNotAnswered(String imeiBytes) {
        try (Gt06Harness gt06 = new Gt06Harness(DeviceAdmission.ADMIT_ALL)) {
            assertEquals(List.of(), gt06.send(Gt06Harness.frame(0x01, Gt06Harness.hex(imeiBytes), 1)));
            assertEquals(List.of(), gt06.admitted, "never offered to admission (nor auto-registered)");
            assertEquals(1.0, gt06.invalid("bad-imei"));
            assertEquals(List.of(), gt06.send(Gt06Harness.hex(HEARTBEAT)), "the connection is not logged in");
            assertFalse(gt06.channel.isActive());
            assertTrue(gt06.handOff.stored().isEmpty());
        }
    }
}
