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
                 int perSource, Machine machine, Selection selection) {

    /**
     * Which steps run, and which stores beside the baseline: a full run measures every store; a
     * quick run SQLite at sync normal and Redis (its minutes would not hold a third). Given by hand
     * to look into one figure ({@code bench/perf --quick --steps sos --stores sqlite-full}), the
     * run is partial, and its report says so.
     */
    record Selection(List<String> steps, List<String> stores, boolean partial) {
        static final List<String> ALL_STORES = List.of("sqlite-full", "sqlite-normal", "redis");

        static Selection of(String steps, String stores, boolean quick) {
            boolean partial = !split(steps).isEmpty() || !split(stores).isEmpty();
            List<String> chosen = !split(stores).isEmpty() ? split(stores) : quick ? List.of("sqlite-normal", "redis") : ALL_STORES;
            return new Selection(split(steps), chosen, partial);
        }

        private static List<String> split(String list) {
            return list == null || list.isBlank() ? List.of() : List.of(list.split(","));
        }

        boolean runs(String step) {
            return steps.isEmpty() || steps.contains(step);
        }

        boolean measures(String side) {
            return side.equals("baseline") || stores.contains(side);
        }
    }

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
        Selection selection = Selection.of(v.get("steps"), v.get("stores"), v.get("mode").equals("quick"));
        if (v.get("mode").equals("quick")) {
            return new BenchPlan("quick", 3, List.of(4_000), List.of(1_000), 300, 800, List.of(2_000), List.of(100, 500),
                    1, 10_000, 2_000, m, selection);
        }
        return new BenchPlan("full", 3, List.of(1_000, 5_000, 10_000, 19_000), List.of(100, 1_000, 10_000), 2_000, 5_000,
                List.of(10_000, 19_000), List.of(100, 500), 5, 10_000, 2_000, m, selection);
    }

    /**
     * Terminals of their own that press SOS before the SOS step's runs, in rounds of one second at
     * the highest rate (1 round quick, 4 full), then disconnect: the server's alert path is compiled and warm
     * when the runs begin, as it is in a server that has run for a day.
     */
    int warmUpTerminals() {
        return sosRates.get(sosRates.size() - 1) * (mode.equals("quick") ? 1 : 4);
    }

    /** Terminals the directory must name: the most any step connects to one server, then the warm-up terminals. */
    int residents() {
        return mostConnected() + warmUpTerminals();
    }

    /** The first warm-up terminal. */
    int firstWarmUpTerminal() {
        return mostConnected();
    }

    private int mostConnected() {
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
