package io.onekey.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.onekey.bench.ScaleNodes.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The scale benchmark's conductor (run by {@code bench/scale}, which starts Redis and the server
 * processes): writes the town, then drives the installation. It spawns the load-generator
 * processes ({@link ScaleTerminals}), holds providers' WebSockets on the API node, presses SOS
 * at a fixed rate while every terminal is connected and heartbeating, and measures: the time
 * from each press's intended send to its offer on a provider's socket, presses never answered
 * or never offered, Redis memory per directory entry, per device state and per closed alert,
 * connections, heap and resident memory per gateway, heartbeat frames per second, load.
 *
 * <pre>
 *   ScaleBenchmark town FILE RESIDENTS
 *   ScaleBenchmark run key=value …   (see {@link Options})
 * </pre>
 */
public final class ScaleBenchmark {

    static final String PROVIDER_PREFIX = "P-";
    private static final int PROVIDERS = 4;
    /** Entries created through the API to weigh a resident and a device in Redis. */
    private static final int API_ENTRIES = 1_000;
    private static final int CLOSING_IN_FLIGHT = 32;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Options o;
    private final ScaleReport report;
    private final List<TerminalProcess> generators = new ArrayList<>();
    private final FirstOffers offers;
    private RedisCommands<String, String> redis;

    private ScaleBenchmark(Options options) {
        this.o = options;
        this.report = new ScaleReport(options);
        this.offers = new FirstOffers(options.terminals());
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("town")) {
            ScaleTown.write(Path.of(args[1]), Integer.parseInt(args[2]), PROVIDERS);
            return;
        }
        if (args.length == 0 || !args[0].equals("run")) {
            System.err.println("usage: ScaleBenchmark town FILE RESIDENTS | run key=value …");
            System.exit(2);
        }
        Options options = Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
        ScaleBenchmark bench = new ScaleBenchmark(options);
        try (RedisClient client = RedisClient.create(options.redis());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            bench.redis = connection.sync();
            bench.run();
        } finally {
            bench.generators.forEach(TerminalProcess::stop);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        report.machine();
        report.put("redis.afterStart", usedMemory());
        weighDirectoryEntries();
        Map<String, Long> heapBefore = new HashMap<>();
        for (Node gateway : o.gateways()) {
            heapBefore.put(gateway.name(), ScaleNodes.liveHeapBytes(gateway));
        }
        offers.connect(o.api().httpPort(), o.adminToken(), PROVIDERS);
        connectTerminals();
        measureConnected(heapBefore);
        measureHeartbeats();
        long memBeforeSos = usedMemory();
        report.put("redis.beforeSos", memBeforeSos);
        pressSos();
        closeAlerts(memBeforeSos);
        offers.close();
        report.write();
    }

    // ---- Redis memory of the directory: the file costs nothing there; entries made through the API do

    /**
     * Weighed by the hashes that hold them (MEMORY USAGE), not by Redis's whole memory: the nodes
     * write at the same time (the care clock's first check records every resident), which would
     * be counted too.
     */
    private void weighDirectoryEntries() throws Exception {
        String residents = "{" + o.namespace() + ":directory}:residents";
        String devices = "{" + o.namespace() + ":directory}:devices";
        long residentsBefore = keyBytes(residents);
        long devicesBefore = keyBytes(devices);
        for (int i = 0; i < API_ENTRIES; i++) {
            post("/api/residents", ScaleTown.resident("API-" + i, i).encode(), 201);
        }
        for (int i = 0; i < API_ENTRIES; i++) {
            post("/api/devices", ScaleTown.device(String.format(Locale.ROOT, "94%08d", i), "API-" + i, 86_400).encode(), 201);
        }
        long perResident = (keyBytes(residents) - residentsBefore) / API_ENTRIES;
        long perDevice = (keyBytes(devices) - devicesBefore) / API_ENTRIES;
        report.put("redis.perApiResident", (double) perResident);
        report.put("redis.perApiDevice", (double) perDevice);
        report.log("Redis: %,d B per resident and %,d B per device created through the API (the file's entries: none)",
                perResident, perDevice);
    }

    private long keyBytes(String key) {
        Long bytes = redis.memoryUsage(key);
        return bytes == null ? 0 : bytes;
    }

    // ---- terminals

    private void connectTerminals() throws Exception {
        long started = System.nanoTime();
        String gateways = String.join(",", o.watchPorts().stream().map(p -> "127.0.0.1:" + p).toList());
        for (int first = 0, i = 0; first < o.terminals(); first += o.perProcess(), i++) {
            int count = Math.min(o.perProcess(), o.terminals() - first);
            generators.add(TerminalProcess.start(i, o.java(), o.classpath(), o.generatorHeap(), gateways, first, count,
                    o.perSource(), o.heartbeatSeconds(), o.out()));
        }
        report.log("%d load generators connecting %,d terminals to %d gateways", generators.size(), o.terminals(),
                o.gateways().size());
        int done = 0;
        while (done < generators.size()) {
            done = 0;
            for (TerminalProcess g : generators) {
                done += g.connectedLine != null || g.poll("connected", 0) != null ? 1 : 0;
            }
            Stats s = stats();
            report.log("  %,d connected, %,d failed, load %.1f", s.connected, s.failed, ScaleNodes.loadAverage());
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(15)) {
                throw new IllegalStateException("terminals still connecting after 15 minutes");
            }
            if (done < generators.size()) {
                Thread.sleep(5_000);
            }
        }
        report.put("connect.seconds", (System.nanoTime() - started) / 1e9);
    }

    private void measureConnected(Map<String, Long> heapBefore) throws Exception {
        Thread.sleep(3_000); // the last login heartbeats' states reach Redis (flushed every 200 ms)
        Stats s = stats();
        report.put("terminals.connected", s.connected);
        report.put("terminals.failed", s.failed);
        report.put("terminals.closed", s.closed);
        long mem = usedMemory();
        report.put("redis.connected", mem);
        String statesKey = "{" + o.namespace() + ":devices}:state";
        long states = redis.hlen(statesKey);
        Long statesBytes = redis.memoryUsage(statesKey);
        report.put("redis.deviceStates", states);
        report.put("redis.perDeviceState", statesBytes == null ? 0 : statesBytes / (double) Math.max(1, states));
        backlog("connected");
        JsonArray nodes = new JsonArray();
        for (Node node : o.nodes()) {
            JsonObject n = new JsonObject().put("name", node.name()).put("role", node.role())
                    .put("residentBytes", ScaleNodes.residentBytes(node));
            if (node.role().equals("gateway")) {
                long connections = (long) ScaleNodes.metric(node, o.adminToken(), "onekey_gateway_connections_open");
                long heap = ScaleNodes.liveHeapBytes(node);
                n.put("connections", connections).put("liveHeapBefore", heapBefore.get(node.name())).put("liveHeap", heap)
                        .put("heapPerConnection", connections == 0 ? 0 : (heap - heapBefore.get(node.name())) / (double) connections);
            } else {
                n.put("liveHeap", ScaleNodes.liveHeapBytes(node));
            }
            nodes.add(n);
        }
        report.put("nodes", nodes);
        report.log("connected: %,d terminals (%,d failed, %,d closed); Redis %,d B with %,d device states", s.connected,
                s.failed, s.closed, mem, states);
    }

    /** Events stored but not yet processed by a dispatcher, per lane: a dispatcher that falls behind shows here. */
    private void backlog(String when) {
        long priority = redis.xlen("{" + o.namespace() + ":events}:priority");
        long normal = redis.xlen("{" + o.namespace() + ":events}:normal");
        report.put("backlog." + when, new JsonObject().put("priority", priority).put("normal", normal));
        report.log("events stored, not yet processed (%s): %,d priority, %,d normal", when, priority, normal);
    }

    private double consumed() throws IOException, InterruptedException {
        double sum = 0;
        for (Node node : o.nodes()) {
            if (node.role().equals("dispatcher")) {
                sum += ScaleNodes.metric(node, o.adminToken(), "onekey_dispatcher_events_consumed_total");
            }
        }
        return sum;
    }

    private void measureHeartbeats() throws Exception {
        double consumedBefore = consumed();
        Stats a = stats();
        long t0 = System.nanoTime();
        double loadSum = 0;
        int samples = 0;
        for (int i = 0; i < o.steadySeconds(); i += 5) {
            Thread.sleep(5_000);
            loadSum += ScaleNodes.loadAverage();
            samples++;
        }
        Stats b = stats();
        double seconds = (System.nanoTime() - t0) / 1e9;
        report.put("heartbeats.answeredPerSecond", (b.lkAnswered - a.lkAnswered) / seconds);
        report.put("heartbeats.sentPerSecond", (b.lkSent - a.lkSent) / seconds);
        report.put("dispatchers.eventsPerSecond", (consumed() - consumedBefore) / seconds);
        backlog("steady");
        report.put("load.steady", loadSum / Math.max(1, samples));
        report.log("heartbeats: %.0f frames/s answered (%.0f sent) over %.0f s, load %.2f",
                (b.lkAnswered - a.lkAnswered) / seconds, (b.lkSent - a.lkSent) / seconds, seconds, loadSum / Math.max(1, samples));
    }

    // ---- SOS

    private void pressSos() throws Exception {
        Histogram pingBefore = pings(200);
        Map<String, Double> cpuBefore = new HashMap<>();
        for (Node node : o.nodes()) {
            cpuBefore.put(node.name(), ScaleNodes.cpuSeconds(node));
        }
        Histogram pingDuring = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long start = ScaleTerminals.wallMicros() + 2_000_000;
        int slots = generators.size();
        for (int p = 0; p < slots; p++) {
            generators.get(p).send(String.format(Locale.ROOT, "sos %d %d %d %d %d", start, o.sosRate(), o.sosSeconds(), p, slots));
        }
        report.log("SOS: %d/s for %d s on distinct terminals, from %d processes", o.sosRate(), o.sosSeconds(), slots);
        double loadMax = 0;
        for (TerminalProcess g : generators) {
            while (g.poll("pressed", 2) == null) {
                loadMax = Math.max(loadMax, ScaleNodes.loadAverage());
                pingDuring.add(pings(20));
                if (!g.process.isAlive()) {
                    throw new IllegalStateException("load generator " + g.index + " died; see its log");
                }
            }
        }
        report.put("load.sos", Math.max(loadMax, ScaleNodes.loadAverage()));
        double window = (ScaleTerminals.wallMicros() - start) / 1e6;
        JsonObject cores = new JsonObject();
        for (Node node : o.nodes()) {
            cores.put(node.name(), (ScaleNodes.cpuSeconds(node) - cpuBefore.get(node.name())) / window);
        }
        report.put("cpu.coresDuringSos", cores);
        report.histogram("redis.pingBeforeSos", pingBefore);
        report.histogram("redis.pingDuringSos", pingDuring);
        // Waits for the last offers while they still come: a backlog drains, a lost press never shows up.
        List<long[]> presses = new ArrayList<>();
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long lastMissing = Long.MAX_VALUE;
        long lastProgress = System.nanoTime();
        while (true) {
            presses.clear();
            for (TerminalProcess g : generators) {
                presses.addAll(g.presses());
            }
            long missing = offers.missing(presses, true);
            if (missing < lastMissing) {
                lastMissing = missing;
                lastProgress = System.nanoTime();
            }
            if (missing == 0 || System.nanoTime() > giveUp || System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
                break;
            }
            report.log("  waiting for %,d offers", missing);
            Thread.sleep(5_000);
        }
        summarisePresses(presses);
    }

    private void summarisePresses(List<long[]> presses) {
        FirstOffers.Outcome outcome = offers.outcome(presses);
        long firstDue = presses.stream().mapToLong(p -> p[1]).min().orElse(0);
        long lastOffer = presses.stream().mapToLong(p -> offers.offeredAt[(int) p[0]]).max().orElse(0);
        report.put("sos.offersPerSecond", outcome.toOffer().getTotalCount() / Math.max(1e-3, (lastOffer - firstDue) / 1e6));
        report.put("sos.pressed", presses.size());
        try {
            report.put("sos.retransmissions", stats().retransmissions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backlog("afterSos");
        report.put("sos.unanswered", outcome.unanswered());
        report.put("sos.unoffered", outcome.unoffered());
        report.put("sos.offers", offers.offers.get());
        report.put("sos.repeatedOffers", offers.repeatedOffers.get());
        report.put("sos.feedReconnects", offers.feedReconnects.get());
        report.histogram("sos.pressToOffer", outcome.toOffer());
        report.histogram("sos.pressToAnswer", outcome.toAnswer());
        report.histogram("sos.sendLag", outcome.sendLag());
        report.histogram("sos.answerToOfferMade", outcome.answerToOfferMade());
        report.histogram("sos.offerMadeToFeed", outcome.offerMadeToFeed());
    }

    // ---- closing alerts, and what a closed alert costs in Redis

    private void closeAlerts(long memBeforeSos) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String id : offers.alertOf) {
            if (id != null) {
                ids.add(id);
            }
        }
        List<String> sample = ids.subList(0, Math.min(200, ids.size()));
        long memOpen = usedMemory();
        report.put("redis.withOpenAlerts", memOpen);
        report.put("redis.openAlertHash", averageUsage(sample));
        Semaphore inFlight = new Semaphore(CLOSING_IN_FLIGHT);
        AtomicLong failures = new AtomicLong();
        long started = System.nanoTime();
        for (String id : ids) {
            inFlight.acquire();
            HTTP.sendAsync(request("/api/alerts/" + id + "/resolve").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"note\":\"benchmark\"}")).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(CLOSING_IN_FLIGHT);
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(1_000);
        long memClosed = usedMemory();
        report.put("alerts.closed", ids.size() - failures.get());
        report.put("alerts.closeFailures", failures.get());
        report.put("alerts.closedPerSecond", ids.size() / seconds);
        report.put("redis.withClosedAlerts", memClosed);
        report.put("redis.closedAlertHash", averageUsage(sample));
        report.put("redis.perClosedAlert", (memClosed - memBeforeSos) / (double) Math.max(1, ids.size()));
        report.log("closed %,d alerts through the API in %.1f s (%d refused); Redis %,d → %,d → %,d B",
                ids.size(), seconds, failures.get(), memBeforeSos, memOpen, memClosed);
    }

    private double averageUsage(List<String> alertIds) {
        long sum = 0;
        for (String id : alertIds) {
            Long bytes = redis.memoryUsage("{" + o.namespace() + ":alerts}:alert:" + id);
            sum += bytes == null ? 0 : bytes;
        }
        return alertIds.isEmpty() ? 0 : sum / (double) alertIds.size();
    }

    // ---- plumbing

    /** Round trips to Redis (PING), in µs: what every one of a dispatcher's sequential store calls pays. */
    private Histogram pings(int count) {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            redis.ping();
            h.recordValue(Math.min(h.getHighestTrackableValue(), (System.nanoTime() - t) / 1_000));
        }
        return h;
    }

    private long usedMemory() {
        for (String line : redis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("no used_memory in INFO memory");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + o.api().httpPort() + path))
                .header("Authorization", "Bearer " + o.adminToken()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
    }

    private String post(String path, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private record Stats(long connected, long failed, long closed, long lkSent, long lkAnswered, long alAnswered,
                         long retransmissions) {
    }

    private Stats stats() throws InterruptedException {
        long[] sum = new long[7];
        String[] fields = {"connected", "failed", "closed", "lkSent", "lkAnswered", "alAnswered", "retransmissions"};
        for (TerminalProcess g : generators) {
            Map<String, Long> counters = g.stats();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += counters.getOrDefault(fields[i], 0L);
            }
        }
        return new Stats(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]);
    }

    /**
     * What the script tells the conductor, as {@code key=value} arguments; {@code node} repeats
     * ({@code role:pid:httpPort}), {@code watch} lists the gateways' watch ports.
     */
    record Options(String label, String redis, String namespace, String adminToken, List<Node> nodes, List<Integer> watchPorts,
                   int terminals, int perProcess, int perSource, int heartbeatSeconds, int steadySeconds, int sosRate,
                   int sosSeconds, String java, String classpath, String generatorHeap, Path out, String command,
                   double loadAtStart, int redisNice) {

        static Options parse(String[] args) {
            Map<String, String> v = new HashMap<>();
            List<Node> nodes = new ArrayList<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                String key = arg.substring(0, eq);
                if (key.equals("node")) {
                    nodes.add(Node.parse(arg.substring(eq + 1)));
                } else {
                    v.put(key, arg.substring(eq + 1));
                }
            }
            List<Integer> ports = new ArrayList<>();
            for (String p : v.get("watch").split(",")) {
                ports.add(Integer.parseInt(p));
            }
            return new Options(v.get("label"), v.get("redis"), v.getOrDefault("namespace", "onekey"), v.get("adminToken"), nodes,
                    ports, Integer.parseInt(v.get("terminals")), Integer.parseInt(v.getOrDefault("perProcess", "17000")),
                    Integer.parseInt(v.getOrDefault("perSource", "2000")), Integer.parseInt(v.getOrDefault("heartbeat", "60")),
                    Integer.parseInt(v.getOrDefault("steady", "30")), Integer.parseInt(v.getOrDefault("sosRate", "500")),
                    Integer.parseInt(v.get("sosSeconds")), v.get("java"), v.get("classpath"),
                    v.getOrDefault("generatorHeap", "384m"), Path.of(v.get("out")), v.getOrDefault("command", "bench/scale"),
                    Double.parseDouble(v.getOrDefault("loadAtStart", "-1")), Integer.parseInt(v.getOrDefault("redisNice", "0").trim()));
        }

        Node api() {
            return nodes.stream().filter(n -> n.role().equals("api")).findFirst().orElseThrow();
        }

        List<Node> gateways() {
            return nodes.stream().filter(n -> n.role().equals("gateway")).toList();
        }
    }
}
