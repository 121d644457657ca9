package io.onekey.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of {@code ./onekey bench} measures, quick or full, and where: the steps' sizes
 * and durations, and the machine's paths and limits as the script found them.
 *
 * @param runs            alternating runs per figure (baseline, OneKey on each store, baseline, …)
 * @param heapLevels      connections held by one gateway process, step by step
 * @param loadConnections connections of the heartbeat and position throughput steps
 * @param idleLevels      idle terminals held by each server during the SOS steps
 */
record BenchPlan(String mode, int runs, List<Integer> heapLevels, List<Integer> loadConnections, int warmMillis,
                 int windowMillis, List<Integer> idleLevels, List<Integer> sosRates, int sosSeconds, int perProcess,
                 int perSource, Machine machine) {

    /** The protocols of the heartbeat fleet and the idle fleet, terminal n speaking the (n mod 3)-th. */
    static final List<String> PROTOCOLS = List.of("WATCH", "GT06", "DC09");
    /** Every connection of the idle fleets heartbeats once a minute, as the devices do. */
    static final int IDLE_HEARTBEAT_SECONDS = 60;
    static final int PROVIDERS = 4;

    /** The machine as the script found it, and where things are. */
    record Machine(String java, String classpath, String serverJar, String serverHeap, String generatorHeap, Path out,
                   String stamp, String command, String commit, long fileLimit, String redisServer, Path scaleReport) {
    }

    static BenchPlan of(String[] args) {
        Map<String, String> v = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            v.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path out = Path.of(v.get("out"));
        Machine m = new Machine(v.get("java"), v.get("classpath"), v.get("jar"), v.getOrDefault("serverHeap", "1g"),
                v.getOrDefault("generatorHeap", "256m"), out, v.get("stamp"), v.get("command"), v.getOrDefault("commit", "unknown"),
                Long.parseLong(v.getOrDefault("fileLimit", "-1")), v.getOrDefault("redisServer", ""),
                out.resolve("scale-full.json"));
        if (v.get("mode").equals("quick")) {
            return new BenchPlan("quick", 3, List.of(4_000), List.of(1_000), 300, 800, List.of(2_000), List.of(100, 500),
                    1, 10_000, 2_000, m);
        }
        return new BenchPlan("full", 3, List.of(1_000, 5_000, 10_000, 19_000), List.of(100, 1_000, 10_000), 2_000, 5_000,
                List.of(10_000, 19_000), List.of(100, 500), 5, 10_000, 2_000, m);
    }

    /** Terminals the directory must name: the most any step connects to one server. */
    int residents() {
        int most = 0;
        for (List<Integer> levels : List.of(heapLevels, loadConnections, idleLevels)) {
            for (int n : levels) {
                most = Math.max(most, n);
            }
        }
        return most;
    }

    int largestIdle() {
        return idleLevels.get(idleLevels.size() - 1);
    }

    int largestHeapLevel() {
        return heapLevels.get(heapLevels.size() - 1);
    }
}
