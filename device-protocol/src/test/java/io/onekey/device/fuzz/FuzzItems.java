package io.onekey.device.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.onekey.device.protocol.Checksums;
import io.onekey.device.protocol.dc09.Dc09AnswerEncoder;
import io.onekey.device.protocol.watch.WatchFrames;
import io.onekey.device.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Generators of valid frames (each with the dedup key its event must have) and of garbage
 * that keeps the protocol's framing delimiters intact, so that a valid frame after it must
 * still decode: mutated copies of valid frames, and random bytes without delimiters.
 */
final class FuzzItems {

    private static final String WATCH_ID = "8800000015";
    private static final String GT06_IMEI = "864717003283581";
    private static final long MINUTE = TestGateway.NOW.getEpochSecond() / 60;

    /** Makes one item from a seeded random source, so that a failing run can be replayed by its seed. */
    @FunctionalInterface
    interface Generator {
        FuzzItem next(Random random);
    }

    private FuzzItems() {
    }

    /** A stream of items, one valid to three garbage. */
    static List<FuzzItem> stream(Random random, int size, Generator valid, Generator garbage) {
        List<FuzzItem> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(random.nextInt(4) == 0 ? valid.next(random) : garbage.next(random));
        }
        return items;
    }

    // ---- watch: brackets delimit frames

    static FuzzItem watchValid(Random random) {
        int second = random.nextInt(86_400);
        String time = String.format(Locale.ROOT, "%02d%02d%02d", second / 3600, second / 60 % 60, second % 60);
        String frame = WatchFrames.format("SG", WATCH_ID, Optional.empty(),
                "AL,010126," + time + ",A,22.571707,N,113.861396,E,0.1,0.0,100,7,60,90,1000,50,00010000,0,0,0");
        return FuzzItem.valid(ascii(frame), "WATCH:" + WATCH_ID + ":SOS:010126" + time);
    }

    static FuzzItem watchGarbage(Random random) {
        if (random.nextBoolean()) {
            byte[] valid = watchValid(random).bytes();
            return mutate(random, valid, 1, valid.length - 1, b -> b != '[' && b != ']');
        }
        return randomWithout(random, b -> b != '[');
    }

    // ---- DC-09: CR ends a message

    static FuzzItem dc09Valid(Random random) {
        String sequence = String.format(Locale.ROOT, "%04d", 1 + random.nextInt(9999));
        String message = Dc09AnswerEncoder.frame("\"ADM-CID\"" + sequence + "L0#7788[#7788|1101 01 015]");
        return FuzzItem.valid(ascii(message), "DC09:7788:" + sequence + ":" + TestGateway.NOW.truncatedTo(
                java.time.temporal.ChronoUnit.MINUTES) + ":0");
    }

    static FuzzItem dc09Garbage(Random random) {
        if (random.nextBoolean()) {
            byte[] valid = dc09Valid(random).bytes();
            return mutate(random, valid, 0, valid.length - 1, b -> b != '\r');
        }
        return FuzzItem.garbage(append(randomWithout(random, b -> b != '\r').bytes(), (byte) '\r'));
    }

    // ---- GT06: start markers, length and 0D 0A

    static FuzzItem gt06Valid(Random random) {
        int serial = random.nextInt(0x10000);
        return FuzzItem.valid(gt06Heartbeat(serial), String.format(Locale.ROOT, "GT06:%s:13:%04X:%d:HB", GT06_IMEI, serial, MINUTE));
    }

    static FuzzItem gt06Garbage(Random random) {
        // Mutations leave marker, length and protocol number alone (a mutated length would be
        // a framing error by construction, tested on its own), and never make 78/79 pairs.
        if (random.nextBoolean()) {
            byte[] valid = gt06Valid(random).bytes();
            return mutate(random, valid, 4, valid.length - 2, b -> b != 0x78 && b != 0x79);
        }
        return randomWithout(random, b -> b != 0x78 && b != 0x79);
    }

    static List<FuzzItem> withGt06Login(List<FuzzItem> items) {
        List<FuzzItem> all = new ArrayList<>(items.size() + 1);
        all.add(FuzzItem.garbage(HexFormat.of().parseHex("78780d01086471700328358100093f040d0a")));
        all.addAll(items);
        return all;
    }

    private static byte[] gt06Heartbeat(int serial) {
        ByteBuf frame = Unpooled.buffer(15);
        frame.writeShort(0x7878).writeByte(0x0A).writeByte(0x13);
        frame.writeBytes(new byte[] {0x00, 0x06, 0x04, 0x00, 0x02});
        frame.writeShort(serial);
        frame.writeShort(Checksums.crc16X25(frame, 2, frame.writerIndex() - 2));
        frame.writeShort(0x0D0A);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }

    // ---- helpers

    /** Replaces 1–4 bytes in [from, to) with bytes the filter allows. */
    private static FuzzItem mutate(Random random, byte[] frame, int from, int to, BytePredicate allowed) {
        byte[] copy = frame.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            copy[from + random.nextInt(Math.max(1, to - from))] = allowedByte(random, allowed);
        }
        return FuzzItem.garbage(copy);
    }

    /** Up to 200 random bytes, each one the filter allows. */
    private static FuzzItem randomWithout(Random random, BytePredicate allowed) {
        byte[] bytes = new byte[random.nextInt(201)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = allowedByte(random, allowed);
        }
        return FuzzItem.garbage(bytes);
    }

    private static byte allowedByte(Random random, BytePredicate allowed) {
        byte b;
        do {
            b = (byte) random.nextInt(256);
        } while (!allowed.test(b));
        return b;
    }

    private static byte[] append(byte[] bytes, byte last) {
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = last;
        return longer;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @FunctionalInterface
    interface BytePredicate {
        boolean test(byte b);
    }
}
