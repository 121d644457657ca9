package io.onekey.bench;

import io.onekey.bench.FirstOffers.Outcome;
import io.onekey.bench.ServerUnderTest.Setup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The conductor of {@code ./onekey bench}: starts the bare Netty baseline and OneKey on each store
 * (SQLite at sync full and normal, Redis) as processes of their own, drives them with load
 * generators ({@link ScaleTerminals}, terminals of the three protocols over real sockets from
 * 127.0.0.x) and providers on the live feed ({@link FirstOffers}), and measures, each figure over
 * alternating runs (baseline, then each store, then the baseline again …):
 * <ol>
 *   <li>heap per idle connection, from 1,000 to 19,000 connections on one gateway process;</li>
 *   <li>heartbeats and positions stored and answered per second at 100, 1,000 and 10,000 connections;</li>
 *   <li>SOS from its intended send to its offer on a provider's socket, at 100 and 500 SOS/s under
 *       10,000 and 19,000 idle terminals, and every press never answered or never offered.</li>
 * </ol>
 * {@link BenchReport} writes the figures, the targets and the plots.
 *
 * <pre>  PerformanceBenchmark mode=quick|full out=DIR java=… classpath=… jar=… stamp=… command=… commit=… fileLimit=…</pre>
 */
public final class PerformanceBenchmark {

    /**
     * The position fleet's first terminal: its pendants are not the heartbeat fleet's (one IMEI on
     * two connections would replace a session), so they are outside the directory, let in as unknown devices.
     */
    private static final int POSITION_FLEET_FIRST = 100_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(5);

    private final BenchPlan plan;
    private final BenchPlan.Machine m;
    private final BenchReport report;
    private final Map<String, ServerUnderTest> servers = new LinkedHashMap<>();
    private final List<TerminalProcess> generators = new ArrayList<>();
    private final AtomicInteger generatorIndex = new AtomicInteger();
    private Process redis;
    private Path work;

    private PerformanceBenchmark(BenchPlan plan) {
        this.plan = plan;
        this.m = plan.machine();
        this.report = new BenchReport(plan);
    }

    public static void main(String[] args) throws Exception {
        PerformanceBenchmark bench = new PerformanceBenchmark(BenchPlan.of(args));
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        try {
            bench.run();
        } finally {
            bench.stopAll();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        work = Files.createTempDirectory("onekey-bench");
        Files.createDirectories(m.out().resolve("logs"));
        Path town = work.resolve("town.json");
        ScaleTown.write(town, plan.residents(), BenchPlan.PROVIDERS, BenchPlan.PROTOCOLS);
        report.log("%s run: %,d residents with a terminal each (watch, GT06, DC-09 in turn), %d providers",
                plan.mode(), plan.residents(), BenchPlan.PROVIDERS);
        String redisUrl = startRedis();
        List<Setup> setups = new ArrayList<>(List.of(new Setup("baseline", null, null),
                new Setup("sqlite-full", "sqlite", "full"), new Setup("sqlite-normal", "sqlite", "normal")));
        if (redisUrl != null) {
            setups.add(new Setup("redis", "redis", null));
        } else {
            report.note("No redis-server on this machine: the Redis store was not measured.");
        }
        setups.removeIf(s -> !plan.selection().measures(s.name()));
        for (Setup s : setups) {
            servers.put(s.name(), ServerUnderTest.start(s, m, town, redisUrl, work));
        }
        for (ServerUnderTest s : servers.values()) {
            s.awaitReady(Duration.ofMinutes(3));
        }
        report.sides(setups);
        report.log("servers ready after %.0f s", (System.nanoTime() - started) / 1e9);
        if (plan.selection().partial()) {
            report.note(String.format(Locale.ROOT, "A partial run: steps %s, stores %s.",
                    plan.selection().steps().isEmpty() ? "all" : String.join(", ", plan.selection().steps()),
                    String.join(", ", plan.selection().stores())));
        }
        if (plan.selection().runs("connections")) {
            heapStep();
        }
        if (plan.selection().runs("throughput")) {
            throughputStep();
        }
        if (plan.selection().runs("sos")) {
            sosStep();
        }
        report.put("durationSeconds", (System.nanoTime() - started) / 1e9);
        report.write();
    }

    // ---- step 1: heap per idle connection on one gateway process

    private void heapStep() throws Exception {
        List<ServerUnderTest> sides = java.util.stream.Stream.of("baseline", "sqlite-normal").map(servers::get)
                .filter(java.util.Objects::nonNull).toList();
        step("connections", sides);
        for (int run = 1; run <= plan.runs(); run++) {
            for (ServerUnderTest side : sides) {
                long before = side.liveHeap();
                int held = 0;
                for (int level : plan.heapLevels()) {
                    connect(side, BenchPlan.PROTOCOLS, held, level - held, 3_600, plan.perProcess());
                    awaitConnected();
                    held = level;
                    Thread.sleep(300); // the last logins' heartbeats are stored
                    double perConnection = (side.liveHeap() - before) / (double) level;
                    report.heap(side.setup.name(), level).add(perConnection);
                    report.log("  run %d %-14s %,6d connections: %,.0f B of heap each", run, side.setup.name(), level, perConnection);
                }
                if (run == plan.runs()) {
                    report.classHistogram(side.setup.name(), side.classHistogram(12));
                }
                stopGenerators();
                Thread.sleep(500); // the server sees every connection close
            }
        }
        endStep("connections", sides);
    }

    // ---- step 2: heartbeats and positions stored and answered per second

    private void throughputStep() throws Exception {
        List<ServerUnderTest> sides = new ArrayList<>(servers.values());
        List<String> kinds = List.of("heartbeat", "position");
        step("throughput", sides);
        for (int connections : plan.loadConnections()) {
            for (String kind : kinds) {
                // One kind at a time: a server holding both kinds' fleets of 10,000 would pass its
                // 20,000 open files. Every side's fleet connects first and stays connected, so the
                // runs alternate without waiting for connections.
                int first = kind.equals("heartbeat") ? 0 : POSITION_FLEET_FIRST;
                Map<String, List<TerminalProcess>> fleets = new LinkedHashMap<>();
                for (ServerUnderTest side : sides) {
                    // Two generator processes per fleet: one generator's single event loop would cap the baseline.
                    fleets.put(side.setup.name(), connect(side, protocolsFor(kind), first, connections, 3_600, (connections + 1) / 2));
                }
                awaitConnected();
                // An unrecorded round first, one fleet at a time: each generator's and server's code is
                // compiled before the runs (a fleet looping for the first time runs at half speed or less).
                for (List<TerminalProcess> fleet : fleets.values()) {
                    fleet.forEach(g -> g.send("loop " + kind));
                    Thread.sleep(plan.warmMillis() + plan.windowMillis());
                    fleet.forEach(g -> g.send("loop off"));
                }
                Thread.sleep(500);
                for (int run = 1; run <= plan.runs(); run++) {
                    for (ServerUnderTest side : sides) {
                        double rate = closedLoop(fleets.get(side.setup.name()), kind);
                        report.throughput(kind, side.setup.name(), connections).add(rate);
                        report.log("  run %d %-14s %,6d connections: %,9.0f %ss/s", run, side.setup.name(), connections, rate, kind);
                    }
                }
                stopGenerators();
            }
        }
        endStep("throughput", sides);
    }

    /** Heartbeats from the three protocols in turn; positions are GT06 location packets, the kind that is answered. */
    private static List<String> protocolsFor(String kind) {
        return kind.equals("heartbeat") ? BenchPlan.PROTOCOLS : List.of("GT06");
    }

    /** Every connection sends its next frame when the last is answered; frames answered per second over the window. */
    private double closedLoop(List<TerminalProcess> fleet, String kind) throws Exception {
        String counter = kind.equals("heartbeat") ? "lkAnswered" : "positionAnswered";
        fleet.forEach(g -> g.send("loop " + kind));
        Thread.sleep(plan.warmMillis());
        long before = sum(fleet, counter);
        long t0 = System.nanoTime();
        Thread.sleep(plan.windowMillis());
        long answered = sum(fleet, counter) - before;
        double seconds = (System.nanoTime() - t0) / 1e9;
        fleet.forEach(g -> g.send("loop off"));
        Thread.sleep(200); // the frames still in flight are answered
        return answered / seconds;
    }

    // ---- step 3: SOS to offer under idle terminals

    /** A load generator's terminals and how many of them have already pressed SOS in this run. */
    private static final class Fleet {
        final TerminalProcess process;
        final int count;
        int used;

        Fleet(TerminalProcess process, int count) {
            this.process = process;
            this.count = count;
        }

        int left() {
            return count - used;
        }
    }

    private void sosStep() throws Exception {
        List<ServerUnderTest> sides = new ArrayList<>(servers.values());
        Map<String, FirstOffers> offers = new LinkedHashMap<>();
        Map<String, List<Fleet>> fleets = new LinkedHashMap<>();
        for (ServerUnderTest side : sides) {
            FirstOffers o = new FirstOffers(plan.residents());
            if (!side.setup.baseline()) {
                o.connect(side.httpPort, ServerUnderTest.ADMIN_TOKEN, BenchPlan.PROVIDERS);
            }
            offers.put(side.setup.name(), o);
            fleets.put(side.setup.name(), new ArrayList<>());
        }
        int held = 0;
        for (int idle : plan.idleLevels()) {
            for (ServerUnderTest side : sides) {
                for (int first = held; first < idle; first += plan.perProcess()) {
                    int count = Math.min(plan.perProcess(), idle - first);
                    fleets.get(side.setup.name()).add(new Fleet(startGenerator(side, BenchPlan.PROTOCOLS, first, count,
                            BenchPlan.IDLE_HEARTBEAT_SECONDS), count));
                }
            }
            awaitConnected();
            held = idle;
            Thread.sleep(1_000); // the idle terminals' logins are stored
            String step = "sos-" + idle;
            // Recording starts first: starting a flight recorder costs a JVM a second or two of CPU,
            // which would otherwise land on the first measured presses.
            step(step, sides);
            if (held == plan.idleLevels().get(0)) {
                warmUp(sides, offers);
            } else {
                Thread.sleep(3_000);
            }
            for (int run = 1; run <= plan.runs(); run++) {
                for (int rate : plan.sosRates()) {
                    for (ServerUnderTest side : sides) {
                        press(side, offers.get(side.setup.name()), fleets.get(side.setup.name()), idle, rate, run);
                    }
                }
            }
            endStep(step, sides);
        }
        offers.values().forEach(FirstOffers::close);
        stopGenerators();
    }

    /**
     * Unrecorded presses from terminals of their own, one second at a time at the highest rate,
     * each round waited for, one server after the other; then those terminals disconnect, leaving
     * the idle fleets as they were.
     */
    private void warmUp(List<ServerUnderTest> sides, Map<String, FirstOffers> offers) throws Exception {
        int rate = plan.sosRates().get(plan.sosRates().size() - 1);
        Map<ServerUnderTest, TerminalProcess> warmUpFleets = new LinkedHashMap<>();
        for (ServerUnderTest side : sides) {
            warmUpFleets.put(side, startGenerator(side, BenchPlan.PROTOCOLS, plan.firstWarmUpTerminal(), plan.warmUpTerminals(),
                    BenchPlan.IDLE_HEARTBEAT_SECONDS));
        }
        awaitConnected();
        for (Map.Entry<ServerUnderTest, TerminalProcess> e : warmUpFleets.entrySet()) {
            ServerUnderTest side = e.getKey();
            List<Fleet> fleet = List.of(new Fleet(e.getValue(), plan.warmUpTerminals()));
            long started = System.nanoTime();
            for (int round = 0; round < plan.warmUpTerminals() / rate; round++) {
                pressAndWait(side, offers.get(side.setup.name()), fleet, rate, 1);
            }
            report.log("  warm-up %-14s %,d presses at %d/s in %.0f s", side.setup.name(), plan.warmUpTerminals(), rate,
                    (System.nanoTime() - started) / 1e9);
        }
        warmUpFleets.values().forEach(TerminalProcess::quit);
        warmUpFleets.values().forEach(TerminalProcess::stop);
        generators.removeAll(warmUpFleets.values());
    }

    private void press(ServerUnderTest side, FirstOffers offers, List<Fleet> fleets, int idle, int rate, int run) throws Exception {
        boolean offered = !side.setup.baseline();
        List<long[]> presses = pressAndWait(side, offers, fleets, rate, plan.sosSeconds());
        Outcome outcome = offers.outcome(presses);
        Histogram latency = offered ? outcome.toOffer() : outcome.toAnswer();
        report.sos(idle, rate, side.setup.name(), latency, outcome, offered);
        report.log("  run %d %-14s %,6d idle, %3d SOS/s: %,d pressed, p50 %.2f ms, p99 %.2f ms to %s; %d never answered, %s",
                run, side.setup.name(), idle, rate, presses.size(), latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3, offered ? "offer" : "answer", outcome.unanswered(),
                offered ? outcome.unoffered() + " never offered" : "(the baseline offers nothing)");
        if (offered) {
            report.log("      p50/p99 ms: press -> answered %.2f/%.2f, answered -> offer made %.2f/%.2f, offer made -> on the feed %.2f/%.2f",
                    outcome.toAnswer().getValueAtPercentile(50) / 1e3, outcome.toAnswer().getValueAtPercentile(99) / 1e3,
                    outcome.answerToOfferMade().getValueAtPercentile(50) / 1e3, outcome.answerToOfferMade().getValueAtPercentile(99) / 1e3,
                    outcome.offerMadeToFeed().getValueAtPercentile(50) / 1e3, outcome.offerMadeToFeed().getValueAtPercentile(99) / 1e3);
        }
    }

    /**
     * Presses SOS at {@code rate} for {@code seconds} on terminals that have not pressed yet, then
     * waits until every press is answered (and offered, on OneKey) or nothing more comes for 20 s.
     */
    private List<long[]> pressAndWait(ServerUnderTest side, FirstOffers offers, List<Fleet> fleets, int rate, int seconds)
            throws Exception {
        int needed = rate * seconds;
        Fleet roomiest = fleets.stream().max(Comparator.comparingInt(Fleet::left)).orElseThrow();
        List<Fleet> slots = roomiest.left() >= needed ? List.of(roomiest) : fleets.stream().filter(f -> f.left() > 0).toList();
        long start = ScaleTerminals.wallMicros() + 300_000;
        for (int slot = 0; slot < slots.size(); slot++) {
            Fleet f = slots.get(slot);
            f.process.send(String.format(Locale.ROOT, "sos %d %d %d %d %d %d", start, rate, seconds, slot, slots.size(), f.used));
        }
        for (Fleet f : slots) {
            if (f.process.poll("pressed", seconds + 60) == null) {
                throw new IllegalStateException("load generator " + f.process.index + " did not finish pressing; see its log");
            }
        }
        boolean offered = !side.setup.baseline();
        List<long[]> presses = new ArrayList<>();
        long lastProgress = System.nanoTime();
        long lastMissing = Long.MAX_VALUE;
        int[] pressedBy = new int[slots.size()];
        while (true) {
            presses.clear();
            for (int slot = 0; slot < slots.size(); slot++) {
                List<long[]> of = slots.get(slot).process.presses();
                pressedBy[slot] = of.size();
                presses.addAll(of);
            }
            long missing = offers.missing(presses, offered);
            if (missing < lastMissing) {
                lastMissing = missing;
                lastProgress = System.nanoTime();
            }
            if (missing == 0 || System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(20)) {
                break;
            }
            Thread.sleep(200);
        }
        for (int slot = 0; slot < slots.size(); slot++) {
            slots.get(slot).used += pressedBy[slot];
        }
        return presses;
    }

    // ---- plumbing

    private void step(String name, List<ServerUnderTest> sides) {
        report.stepStarted(name, ScaleNodes.loadAverage());
        report.log("== %s (load average %.2f)", name, ScaleNodes.loadAverage());
        sides.forEach(s -> s.startRecording(name));
    }

    private void endStep(String name, List<ServerUnderTest> sides) {
        for (ServerUnderTest s : sides) {
            Path jfr = s.stopRecording(name, m.out().resolve(m.stamp() + "-" + name + "-" + s.setup.name() + ".jfr"));
            if (jfr != null) {
                report.recording(name, s.setup.name(), jfr);
            }
        }
    }

    /** Starts generators of at most {@code perProcess} terminals each for terminals {@code first … first+count-1} of a side; {@link #awaitConnected()} waits for them. */
    private List<TerminalProcess> connect(ServerUnderTest side, List<String> protocols, int first, int count, int heartbeatSeconds,
                                          int perProcess) throws Exception {
        List<TerminalProcess> started = new ArrayList<>();
        for (int from = first; from < first + count; from += perProcess) {
            started.add(startGenerator(side, protocols, from, Math.min(perProcess, first + count - from), heartbeatSeconds));
        }
        return started;
    }

    private TerminalProcess startGenerator(ServerUnderTest side, List<String> protocols, int first, int count, int heartbeatSeconds)
            throws IOException {
        TerminalProcess g = TerminalProcess.start(generatorIndex.getAndIncrement(), m.java(), m.classpath(), m.generatorHeap(),
                side.gateways(protocols), first, count, plan.perSource(), heartbeatSeconds, m.out());
        generators.add(g);
        return g;
    }

    private void awaitConnected() throws Exception {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        for (TerminalProcess g : generators) {
            while (!g.awaitConnected(5)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("terminals still connecting after " + CONNECT_TIMEOUT.toMinutes() + " minutes");
                }
            }
            long failed = g.stats().get("failed");
            if (failed > 0) {
                report.note(String.format(Locale.ROOT, "Load generator %d: %,d connections failed.", g.index, failed));
            }
        }
    }

    private static long sum(List<TerminalProcess> fleet, String counter) throws InterruptedException {
        long sum = 0;
        for (TerminalProcess g : fleet) {
            sum += g.stats().getOrDefault(counter, 0L);
        }
        return sum;
    }

    private void stopGenerators() {
        generators.forEach(TerminalProcess::quit);
        generators.forEach(TerminalProcess::stop);
        generators.clear();
    }

    /** A private Redis, every write on disk within a second (appendfsync everysec); null when there is no redis-server. */
    private String startRedis() throws Exception {
        if (m.redisServer().isEmpty()) {
            return null;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        redis = new ProcessBuilder(m.redisServer(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "yes", "--appendfsync", "everysec", "--dir", work.toString())
                .redirectErrorStream(true).redirectOutput(m.out().resolve("logs").resolve("redis.log").toFile()).start();
        for (int i = 0; i < 50 && !ServerUnderTest.accepts(port); i++) {
            Thread.sleep(100);
        }
        return "redis://127.0.0.1:" + port;
    }

    private synchronized void stopAll() {
        stopGenerators();
        servers.values().forEach(ServerUnderTest::stop);
        servers.clear();
        if (redis != null) {
            redis.destroy();
            redis = null;
        }
    }
}
