package io.onekey.bench;

import io.onekey.bench.ServerUnderTest.Setup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The figures of one {@code ./onekey bench} run as they come, then written as
 * {@code bench/results/STAMP.json}, {@code STAMP.md} and the plots {@code STAMP-*.png}: each
 * figure the median of the alternating runs with their minimum and maximum, and its ratio to the
 * baseline measured in the same run; the conditions; the targets met or missed.
 */
final class BenchReport {

    static final String BASELINE = "baseline";

    final BenchPlan plan;
    private final BenchPlan.Machine m;
    private final JsonObject extra = new JsonObject();
    private final List<Setup> sides = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    final Map<String, Double> loadBefore = new LinkedHashMap<>();
    final Map<String, Path> recordings = new LinkedHashMap<>();
    /** side → connections → bytes of heap per connection. */
    final Map<String, SortedMap<Integer, Figure>> heap = new LinkedHashMap<>();
    /** kind → side → connections → frames answered per second. */
    final Map<String, Map<String, SortedMap<Integer, Figure>>> throughput = new LinkedHashMap<>();
    /** idle terminals → rate → side → figures. */
    final SortedMap<Integer, SortedMap<Integer, Map<String, SosFigures>>> sos = new TreeMap<>();

    BenchReport(BenchPlan plan) {
        this.plan = plan;
        this.m = plan.machine();
    }

    private final long started = System.nanoTime();

    void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, "[%4.0f s] ", (System.nanoTime() - started) / 1e9)
                + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    void note(String note) {
        notes.add(note);
        log("note: %s", note);
    }

    void put(String key, Object value) {
        extra.put(key, value);
    }

    void sides(List<Setup> setups) {
        sides.addAll(setups);
    }

    /** The classes holding the most heap with every connection of the heap step held. */
    final Map<String, List<String>> classHistograms = new LinkedHashMap<>();

    void classHistogram(String side, List<String> lines) {
        classHistograms.put(side, lines);
    }

    void stepStarted(String step, double load) {
        loadBefore.put(step, load);
    }

    void recording(String step, String side, Path file) {
        recordings.put(step + "/" + side, file);
    }

    Figure heap(String side, int connections) {
        return heap.computeIfAbsent(side, s -> new TreeMap<>()).computeIfAbsent(connections, c -> new Figure());
    }

    Figure throughput(String kind, String side, int connections) {
        return throughput.computeIfAbsent(kind, k -> new LinkedHashMap<>()).computeIfAbsent(side, s -> new TreeMap<>())
                .computeIfAbsent(connections, c -> new Figure());
    }

    void sos(int idle, int rate, String side, Histogram latency, FirstOffers.Outcome outcome, boolean offered) {
        sos.computeIfAbsent(idle, i -> new TreeMap<>()).computeIfAbsent(rate, r -> new LinkedHashMap<>())
                .computeIfAbsent(side, s -> new SosFigures()).add(latency, outcome, offered);
    }

    SosFigures sosAt(int idle, int rate, String side) {
        return sos.getOrDefault(idle, new TreeMap<>()).getOrDefault(rate, Map.of()).get(side);
    }

    // ---- writing

    void write() throws IOException {
        Path out = m.out();
        BenchCharts.byConnections(out.resolve(m.stamp() + "-heap.png"), "Heap per idle connection, one gateway process",
                "bytes of live heap per connection", medians(heap));
        for (String kind : throughput.keySet()) {
            BenchCharts.byConnections(out.resolve(m.stamp() + "-" + kind + ".png"), "Closed-loop " + kind
                    + "s stored and answered", kind + "s per second", medians(throughput.get(kind)));
        }
        for (int idle : sos.keySet()) {
            Map<String, Histogram> curves = new LinkedHashMap<>();
            sos.get(idle).forEach((rate, bySide) -> bySide.forEach((side, f) -> curves.put(side + " @ " + rate + "/s", f.merged)));
            BenchCharts.percentiles(out.resolve(m.stamp() + "-sos-" + idle + ".png"), String.format(Locale.ROOT,
                    "SOS, intended send → offer (baseline: → answer), %,d idle terminals", idle), curves);
        }
        List<BenchTargets.Result> targets = new BenchTargets(this).evaluate();
        JsonObject json = json(targets);
        Files.writeString(out.resolve(m.stamp() + ".json"), json.encodePrettily() + "\n");
        String markdown = new BenchMarkdown(this, json, targets, notes).render();
        Files.writeString(out.resolve(m.stamp() + ".md"), markdown);
        System.out.println();
        System.out.print(markdown);
        System.out.println("written: " + out.resolve(m.stamp() + ".md") + ", " + out.resolve(m.stamp() + ".json"));
    }

    private static Map<String, SortedMap<Integer, Double>> medians(Map<String, SortedMap<Integer, Figure>> bySide) {
        Map<String, SortedMap<Integer, Double>> series = new LinkedHashMap<>();
        bySide.forEach((side, levels) -> {
            SortedMap<Integer, Double> s = new TreeMap<>();
            levels.forEach((n, f) -> s.put(n, f.median()));
            series.put(side, s);
        });
        return series;
    }

    JsonObject conditions() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        JsonArray stores = new JsonArray();
        sides.forEach(s -> stores.add(new JsonObject().put("name", s.name()).put("what", s.describe())
                .put("store", s.store()).put("sync", s.sync())));
        return new JsonObject().put("at", Instant.now().toString()).put("command", m.command()).put("mode", plan.mode())
                .put("commit", m.commit()).put("cores", Runtime.getRuntime().availableProcessors())
                .put("memoryBytes", os.getTotalMemorySize()).put("fileLimitHard", m.fileLimit())
                .put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("serverHeap", m.serverHeap()).put("loadAverageBeforeStep", new JsonObject(new LinkedHashMap<>(loadBefore)))
                .put("sides", stores).put("runsPerFigure", plan.runs());
    }

    private JsonObject json(List<BenchTargets.Result> targets) {
        JsonObject heapJson = new JsonObject();
        heap.forEach((side, levels) -> {
            JsonObject l = new JsonObject();
            levels.forEach((n, f) -> l.put(Integer.toString(n), f.json(baselineOf(heap, n))));
            heapJson.put(side, l);
        });
        JsonObject tp = new JsonObject();
        throughput.forEach((kind, bySide) -> {
            JsonObject k = new JsonObject();
            bySide.forEach((side, levels) -> {
                JsonObject l = new JsonObject();
                levels.forEach((n, f) -> l.put(Integer.toString(n), f.json(baselineOf(bySide, n))));
                k.put(side, l);
            });
            tp.put(kind, k);
        });
        JsonObject sosJson = new JsonObject();
        sos.forEach((idle, byRate) -> {
            JsonObject r = new JsonObject();
            byRate.forEach((rate, bySide) -> {
                JsonObject s = new JsonObject();
                bySide.forEach((side, f) -> s.put(side, f.json(bySide.get(BASELINE))));
                r.put(Integer.toString(rate), s);
            });
            sosJson.put(Integer.toString(idle), r);
        });
        JsonArray t = new JsonArray();
        targets.forEach(r -> t.add(r.json()));
        return new JsonObject().put("conditions", conditions()).put("heapBytesPerConnection", heapJson)
                .put("framesPerSecond", tp).put("sosLatency", sosJson).put("targets", t).put("notes", new JsonArray(notes))
                .put("classHistograms", new JsonObject(new LinkedHashMap<>(classHistograms)))
                .mergeIn(extra);
    }

    static Figure baselineOf(Map<String, SortedMap<Integer, Figure>> bySide, int n) {
        SortedMap<Integer, Figure> b = bySide.get(BASELINE);
        return b == null ? null : b.get(n);
    }
}
