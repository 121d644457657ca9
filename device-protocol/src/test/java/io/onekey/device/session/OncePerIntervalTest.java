package io.onekey.device.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OncePerIntervalTest {

    private final MovableClock clock = new MovableClock();
    private final OncePerInterval gate = new OncePerInterval(clock, Duration.ofMinutes(1), 3);

    @Test
    void oneKeyPassesOncePerInterval() {
        assertTrue(gate.tryPass("a"));
        assertFalse(gate.tryPass("a"));
        clock.advance(Duration.ofSeconds(59));
        assertFalse(gate.tryPass("a"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(gate.tryPass("a"));
    }

    @Test
    void newKeysStopAtTheCapAndPassAgainInTheNextIntervalWithTheCountLeftOut() {
        for (int i = 0; i < 10; i++) {
            assertEquals(i < 3, gate.tryPass("key" + i), "key " + i);
        }
        assertEquals(0, gate.takeHeldBack(), "reported once their interval is over");
        for (int minute = 1; minute <= 3; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertTrue(gate.tryPass("minute" + minute), "the cap holds for an interval, not for ever");
        }
        assertEquals(7, gate.takeHeldBack());
        assertEquals(0, gate.takeHeldBack());
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
