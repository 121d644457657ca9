package io.onekey.device.fuzz;

import io.onekey.monitoring.MetricNames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.onekey.device.session.DeviceAdmission;
import io.onekey.device.session.DeviceSession;
import io.onekey.device.session.GatewayMetrics;
import io.onekey.device.gateway.GatewayServices;
import io.onekey.device.protocol.dc09.Dc09AnswerEncoder;
import io.onekey.device.protocol.dc09.Dc09FrameDecoder;
import io.onekey.device.protocol.dc09.Dc09Keys;
import io.onekey.device.protocol.dc09.Dc09Receiver;
import io.onekey.device.protocol.dc09.Dc09SessionHandler;
import io.onekey.device.protocol.dc09.Dc09Settings;
import io.onekey.device.protocol.gt06.Gt06AnswerEncoder;
import io.onekey.device.protocol.gt06.Gt06FrameDecoder;
import io.onekey.device.protocol.gt06.Gt06MessageDecoder;
import io.onekey.device.protocol.gt06.Gt06SessionHandler;
import io.onekey.device.protocol.watch.WatchFrameDecoder;
import io.onekey.device.protocol.watch.WatchMessageDecoder;
import io.onekey.device.protocol.watch.WatchReplyEncoder;
import io.onekey.device.protocol.watch.WatchSessionHandler;
import io.onekey.device.testing.LeakRecorder;
import io.onekey.device.testing.RecordingHandOff;
import io.onekey.device.testing.TestGateway;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Random;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Throws mutated and random frames at each protocol's whole pipeline: 1,000 tries of 140
 * frames each, three in four of them garbage, so about 105,000 bad frames per protocol with
 * some 35,000 valid ones interleaved; each valid one must still decode. No exception may reach a handler, and no buffer
 * may leak (the leak detector runs at PARANOID).
 */
class PipelineFuzzTest {

    private static final int TRIES = 1000;
    private static final int FRAMES_PER_TRY = 140;

    /** Each try is seeded from its number, so a failure names the seed that replays it. */
    private static void forEachSeed(int tries, java.util.function.Consumer<Random> body) {
        for (int seed = 0; seed < tries; seed++) {
            try {
                body.accept(new Random(seed));
            } catch (AssertionError e) {
                throw new AssertionError("fuzz seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    @AfterEach
    void noBufferLeaked() {
        List<String> leaks = LeakRecorder.collect();
        assertTrue(leaks.isEmpty(), () -> "leaks: " + leaks);
    }

    // ---- watch protocol

    @Test
    void watchValidFramesSurviveInterleavedGarbage() {
        forEachSeed(TRIES, random -> runAndCheck(
                FuzzItems.stream(random, FRAMES_PER_TRY, FuzzItems::watchValid, FuzzItems::watchGarbage), this::watchChannel));
    }

    // ---- DC-09

    @Test
    void dc09ValidMessagesSurviveInterleavedGarbage() {
        forEachSeed(TRIES, random -> runAndCheck(
                FuzzItems.stream(random, FRAMES_PER_TRY, FuzzItems::dc09Valid, FuzzItems::dc09Garbage), this::dc09Channel));
    }

    // ---- GT06

    @Test
    void gt06ValidPacketsSurviveInterleavedGarbage() {
        forEachSeed(TRIES, random -> runAndCheck(FuzzItems.withGt06Login(
                FuzzItems.stream(random, FRAMES_PER_TRY, FuzzItems::gt06Valid, FuzzItems::gt06Garbage)), this::gt06Channel));
    }

    // ---- any bytes at all: nothing is promised but staying up, leak-free

    @Test
    void randomBytesNeverBreakAnyPipeline() {
        forEachSeed(300, random -> {
            List<byte[]> chunks = randomChunks(random);
            for (Function<RecordingHandOff, Fixture> pipeline : List.<Function<RecordingHandOff, Fixture>>of(
                    this::watchChannel, this::dc09Channel, this::gt06Channel)) {
                Fixture fixture = pipeline.apply(new RecordingHandOff());
                for (byte[] chunk : chunks) {
                    fixture.channel().writeInbound(Unpooled.wrappedBuffer(chunk));
                    fixture.channel().checkException();
                }
                assertEquals(0.0, fixture.exceptions(), "no handler saw an exception");
                fixture.channel().finishAndReleaseAll();
            }
        });
    }

    private static List<byte[]> randomChunks(Random random) {
        List<byte[]> chunks = new ArrayList<>();
        int count = 1 + random.nextInt(40);
        for (int i = 0; i < count; i++) {
            byte[] chunk = new byte[1 + random.nextInt(600)];
            random.nextBytes(chunk);
            chunks.add(chunk);
        }
        return chunks;
    }

    // ---- the pipelines under test

    private record Fixture(EmbeddedChannel channel, RecordingHandOff handOff, GatewayServices services) {
        double exceptions() {
            var counter = services.registry().find(MetricNames.GATEWAY_FRAMES_INVALID).tag("reason", "exception").counter();
            return counter == null ? 0 : counter.count();
        }
    }

    private static void runAndCheck(List<FuzzItem> items, Function<RecordingHandOff, Fixture> pipeline) {
        RecordingHandOff handOff = new RecordingHandOff();
        Fixture fixture = pipeline.apply(handOff);
        Set<String> expected = new HashSet<>();
        for (FuzzItem item : items) {
            fixture.channel().writeInbound(Unpooled.wrappedBuffer(item.bytes()));
            fixture.channel().checkException();
            item.expectedKey().ifPresent(expected::add);
        }
        fixture.channel().finishAndReleaseAll();
        Set<String> stored = new HashSet<>();
        for (DeviceEvent event : handOff.stored()) {
            stored.add(event.dedupKey());
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(stored);
        assertTrue(missing.isEmpty(), () -> "valid frames lost among the garbage: " + missing);
        assertEquals(0.0, fixture.exceptions(), "no handler saw an exception");
    }

    private Fixture watchChannel(RecordingHandOff handOff) {
        GatewayServices services = services(handOff);
        GatewayMetrics metrics = new GatewayMetrics(services.registry(), Protocol.WATCH);
        return new Fixture(new EmbeddedChannel(new WatchFrameDecoder(16 * 1024), new WatchMessageDecoder(), new WatchReplyEncoder(),
                new WatchSessionHandler(new DeviceSession(Protocol.WATCH, services, metrics, DeviceSession.newLogGate(services)))),
                handOff, services);
    }

    private Fixture dc09Channel(RecordingHandOff handOff) {
        GatewayServices services = services(handOff);
        GatewayMetrics metrics = new GatewayMetrics(services.registry(), Protocol.DC09);
        return new Fixture(new EmbeddedChannel(new Dc09FrameDecoder(2048), new Dc09AnswerEncoder(),
                new Dc09SessionHandler(new Dc09Receiver(Dc09Settings.defaults(), Dc09Keys.Lookup.NONE),
                        new DeviceSession(Protocol.DC09, services, metrics, DeviceSession.newLogGate(services)))),
                handOff, services);
    }

    private Fixture gt06Channel(RecordingHandOff handOff) {
        GatewayServices services = services(handOff);
        GatewayMetrics metrics = new GatewayMetrics(services.registry(), Protocol.GT06);
        return new Fixture(new EmbeddedChannel(new Gt06FrameDecoder(4096), new Gt06MessageDecoder(), new Gt06AnswerEncoder(),
                new Gt06SessionHandler(new DeviceSession(Protocol.GT06, services, metrics, DeviceSession.newLogGate(services)))),
                handOff, services);
    }

    private static GatewayServices services(RecordingHandOff handOff) {
        return TestGateway.services(TestGateway.neverClosing(), handOff, DeviceAdmission.ADMIT_ALL, Dc09Keys.Lookup.NONE,
                TestGateway.NOW);
    }
}
