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
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid frames (each with the dedup key its event must have) and of garbage
 * that keeps the protocol's framing delimiters intact, so that a valid frame after it must
 * still decode: mutated copies of valid frames, and random bytes without delimiters.
 */
final class FuzzItems {

    private static final String WATCH_ID = "8800000015";
    private static final String GT06_IMEI = "864717003283581";
    private static final long MINUTE = TestGateway.NOW.getEpochSecond() / 60;

    private FuzzItems() {
    }

    static Arbitrary<List<FuzzItem>> streams(int size, Supplier<Arbitrary<FuzzItem>> valid, Supplier<Arbitrary<FuzzItem>> garbage) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, valid.get()),
                net.jqwik.api.Tuple.of(3, garbage.get())).list().ofSize(size);
    }

    // ---- watch: brackets delimit frames

    static Arbitrary<FuzzItem> watchValid() {
        return Arbitraries.integers().between(0, 86_399).map(second -> {
            String time = String.format(Locale.ROOT, "%02d%02d%02d", second / 3600, second / 60 % 60, second % 60);
            String frame = WatchFrames.format("SG", WATCH_ID, Optional.empty(),
                    "AL,010126," + time + ",A,22.571707,N,113.861396,E,0.1,0.0,100,7,60,90,1000,50,00010000,0,0,0");
            return FuzzItem.valid(ascii(frame), "WATCH:" + WATCH_ID + ":SOS:010126" + time);
        });
    }

    static Arbitrary<FuzzItem> watchGarbage() {
        Arbitrary<FuzzItem> mutated = watchValid().flatMap(v -> mutate(v.bytes(), 1, v.bytes().length - 1, b -> b != '[' && b != ']'));
        Arbitrary<FuzzItem> random = randomWithout(b -> b != '[');
        return Arbitraries.oneOf(mutated, random);
    }

    // ---- DC-09: CR ends a message

    static Arbitrary<FuzzItem> dc09Valid() {
        return Arbitraries.integers().between(1, 9999).map(seq -> {
            String sequence = String.format(Locale.ROOT, "%04d", seq);
            String message = Dc09AnswerEncoder.frame("\"ADM-CID\"" + sequence + "L0#7788[#7788|1101 01 015]");
            return FuzzItem.valid(ascii(message), "DC09:7788:" + sequence + ":" + TestGateway.NOW.truncatedTo(
                    java.time.temporal.ChronoUnit.MINUTES) + ":0");
        });
    }

    static Arbitrary<FuzzItem> dc09Garbage() {
        Arbitrary<FuzzItem> mutated = dc09Valid().flatMap(v -> mutate(v.bytes(), 0, v.bytes().length - 1, b -> b != '\r'));
        Arbitrary<FuzzItem> random = randomWithout(b -> b != '\r').map(g -> FuzzItem.garbage(append(g.bytes(), (byte) '\r')));
        return Arbitraries.oneOf(mutated, random);
    }

    // ---- GT06: start markers, length and 0D 0A

    static Arbitrary<FuzzItem> gt06Valid() {
        return Arbitraries.integers().between(0, 0xFFFF).map(serial -> FuzzItem.valid(gt06Heartbeat(serial),
                String.format(Locale.ROOT, "GT06:%s:13:%04X:%d:HB", GT06_IMEI, serial, MINUTE)));
    }

    static Arbitrary<FuzzItem> gt06Garbage() {
        // Mutations leave marker, length and protocol number alone (a mutated length would be
        // a framing error by construction, tested on its own), and never make 78/79 pairs.
        Arbitrary<FuzzItem> mutated = gt06Valid().flatMap(v -> mutate(v.bytes(), 4, v.bytes().length - 2,
                b -> b != 0x78 && b != 0x79));
        Arbitrary<FuzzItem> random = randomWithout(b -> b != 0x78 && b != 0x79);
        return Arbitraries.oneOf(mutated, random);
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
    private static Arbitrary<FuzzItem> mutate(byte[] frame, int from, int to, BytePredicate allowed) {
        Arbitrary<Integer> position = Arbitraries.integers().between(from, Math.max(from, to - 1));
        Arbitrary<Byte> value = Arbitraries.bytes().filter(allowed::test);
        Arbitrary<List<Integer>> positions = position.list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<Byte>> values = value.list().ofSize(4);
        return Combinators.combine(positions, values).as((ps, vs) -> {
            byte[] copy = frame.clone();
            for (int i = 0; i < ps.size(); i++) {
                copy[ps.get(i)] = vs.get(i);
            }
            return FuzzItem.garbage(copy);
        });
    }

    private static Arbitrary<FuzzItem> randomWithout(BytePredicate allowed) {
        return Arbitraries.bytes().filter(allowed::test).array(byte[].class).ofMinSize(0).ofMaxSize(200).map(FuzzItem::garbage);
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
