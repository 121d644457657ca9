package io.onekey.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/** The Markdown report of one {@code ./onekey bench} run: conditions, targets, one section per step, plots beside it. */
final class BenchMarkdown {

    private final BenchReport r;
    private final JsonObject json;
    private final List<BenchTargets.Result> targets;
    private final List<String> notes;
    private final String stamp;
    private final StringBuilder s = new StringBuilder();

    BenchMarkdown(BenchReport report, JsonObject json, List<BenchTargets.Result> targets, List<String> notes) {
        this.r = report;
        this.json = json;
        this.targets = targets;
        this.notes = notes;
        this.stamp = report.plan.machine().stamp();
    }

    String render() {
        BenchPlan p = r.plan;
        JsonObject c = json.getJsonObject("conditions");
        line("# OneKey benchmark (%s), %s", p.mode(), stamp);
        line("");
        line("`%s` at commit `%s`, %s; %.0f s of measuring (building not counted). Each figure is the median of %d"
                        + " alternating runs (baseline, then OneKey on each store, then the baseline again …), with their minimum"
                        + " and maximum in brackets, and ×: its ratio to the baseline's median in the same run.", c.getString("command"),
                c.getString("commit"), c.getString("at"), json.getDouble("durationSeconds", 0.0), p.runs());
        line("");
        line("| condition | |");
        line("|---|---|");
        line("| cores | %d |", c.getInteger("cores"));
        line("| memory | %.1f GiB |", c.getLong("memoryBytes") / (double) (1L << 30));
        line("| descriptor limit (`ulimit -Hn`), every server and generator raised to it | %,d |", c.getLong("fileLimitHard"));
        line("| JVM | %s, servers `-Xmx%s -XX:+UseG1GC` |", c.getString("java"), c.getString("serverHeap"));
        line("| kernel | %s |", c.getString("kernel"));
        r.loadBefore.forEach((step, load) -> line("| load average (1 min) before step `%s` | %.2f |", step, load));
        line("");
        line("| side | what runs |");
        line("|---|---|");
        c.getJsonArray("sides").forEach(o -> line("| `%s` | %s |", ((JsonObject) o).getString("name"), ((JsonObject) o).getString("what")));
        line("");
        if (p.mode().equals("quick")) {
            line("**Quick run**: smaller steps than the full run — connections %s per gateway process, throughput at %s"
                            + " connections, SOS under %s idle terminals for %d s per rate, SQLite at sync normal and Redis. The full"
                            + " run (`./onekey bench`) measures 1,000 → 19,000 connections, 100/1,000/10,000 connections,"
                            + " 10,000/19,000 idle terminals, and SQLite at sync full too.",
                    p.heapLevels(), p.loadConnections(), p.idleLevels(), p.sosSeconds());
            line("");
        }
        targets();
        heap();
        throughput();
        sos();
        profiles();
        if (!notes.isEmpty()) {
            line("## Notes");
            line("");
            notes.forEach(n -> line("- %s", n));
            line("");
        }
        return s.toString();
    }

    private void targets() {
        line("## Targets");
        line("");
        line("| target | measured | result | by |");
        line("|---|---|---|---|");
        targets.forEach(t -> line("| %s | %s | %s | %s |", t.target(), t.measured(), t.verdict(), t.by()));
        line("");
    }

    private void heap() {
        line("## Connections: heap per idle connection, one gateway process");
        line("");
        line("Live objects after a full collection (the total of `jcmd GC.class_histogram`, which collects first) with the"
                + " connections held, less the same before they connected, divided by the connections. Terminals of the three protocols in turn, each logged in"
                + " and heard once.");
        line("");
        table("connections", r.heap, "%,.0f B");
        line("![heap per connection](%s-heap.png)", stamp);
        line("");
        r.classHistograms.forEach((side, lines) -> {
            line("Largest classes on `%s` with %,d connections held (`jcmd GC.class_histogram`):", side, r.plan.largestHeapLevel());
            line("");
            line("```");
            lines.forEach(l -> line("%s", l));
            line("```");
            line("");
        });
    }

    private void throughput() {
        line("## Throughput: frames stored and answered per second");
        line("");
        line("Closed loop: every connection sends its next frame when the last is answered; OneKey answers only once the"
                + " event is stored. Heartbeats: watch LK, GT06 status and DC-09 NULL in turn; positions: GT06 location packets"
                + " (the position report that is answered). Load generators and servers share the machine's %d cores. %.1f s of"
                + " warm-up, then %.1f s measured.", json.getJsonObject("conditions").getInteger("cores"),
                r.plan.warmMillis() / 1e3, r.plan.windowMillis() / 1e3);
        line("");
        r.throughput.forEach((kind, bySide) -> {
            line("### %ss per second", kind);
            line("");
            table("connections", bySide, "%,.0f");
            line("![%ss per second](%s-%s.png)", kind, stamp, kind);
            line("");
        });
    }

    private void sos() {
        line("## SOS: from the press's intended send to the offer on a provider's WebSocket");
        line("");
        line("Presses at a fixed rate on distinct terminals while every idle terminal is connected and heartbeating once a"
                + " minute; each timed from when it was due (HdrHistogram, so a late send counts against the server:"
                + " corrected for coordinated omission) to the first offer of its alert on a provider's live feed. The"
                + " baseline offers nothing: its figure is SOS → answer. ms; × is the ratio to the baseline. A press counts as never"
                + " offered (or answered) when it was not within 20 s of the last progress; a run in which none was adds no"
                + " percentiles.");
        line("");
        r.sos.forEach((idle, byRate) -> {
            line("### %,d idle terminals", idle);
            line("");
            line("| rate | side | p50 | p99 | p99.9 | max | p99 to the device's answer | pressed | never answered | never offered |");
            line("|---|---|---|---|---|---|---|---:|---:|---:|");
            byRate.forEach((rate, bySide) -> {
                SosFigures b = bySide.get(BenchReport.BASELINE);
                bySide.forEach((side, f) -> line("| %d/s | `%s` | %s | %s | %s | %s | %s | %,d | %d | %s |", rate, side,
                        f.p50.cell("%.2f", b == null ? null : b.p50), f.p99.cell("%.2f", b == null ? null : b.p99),
                        f.p999.cell("%.2f", b == null ? null : b.p999), f.max.cell("%.1f", b == null ? null : b.max),
                        f.answerP99.cell("%.2f", b == null ? null : b.answerP99), f.pressed, f.unanswered,
                        side.equals(BenchReport.BASELINE) ? "—" : Long.toString(f.unoffered)));
            });
            line("");
            line("![SOS latency percentiles, %,d idle](%s-sos-%d.png)", idle, stamp, idle);
            line("");
        });
    }

    private void profiles() {
        List<BenchTargets.Result> missed = targets.stream().filter(t -> Boolean.FALSE.equals(t.met())).toList();
        if (missed.isEmpty()) {
            return;
        }
        line("## Missed targets: where the time went");
        line("");
        line("The server ran under a flight recording during every step (`jcmd PID JFR.start`, default settings); for each miss,"
                + " its execution samples by top frame (as `jfr print --events jdk.ExecutionSample` lists them). The .jfr"
                + " files are left in `bench/results/` and not committed.");
        line("");
        for (BenchTargets.Result t : missed) {
            line("### %s", t.target());
            line("");
            line("Measured %s: missed by %s. %s", t.measured(), t.by(), t.why());
            line("");
            if (!t.frames().isEmpty()) {
                line("`%s`:", t.profile());
                line("");
                line("| top frame | share of samples |");
                line("|---|---:|");
                t.frames().forEach(f -> line("| `%s` | %.1f %% |", f.method(), f.share() * 100));
                line("");
                line("| innermost OneKey method on the stack | share of samples |");
                line("|---|---:|");
                t.oneKeyFrames().forEach(f -> line("| `%s` | %.1f %% |", f.method(), f.share() * 100));
                line("");
            }
        }
    }

    /** Rows: connection counts; columns: sides; cells: median (min–max) ×ratio to the baseline. */
    private void table(String rows, Map<String, SortedMap<Integer, Figure>> bySide, String format) {
        TreeSet<Integer> levels = new TreeSet<>();
        bySide.values().forEach(l -> levels.addAll(l.keySet()));
        StringBuilder header = new StringBuilder("| " + rows + " |");
        StringBuilder rule = new StringBuilder("|---:|");
        bySide.keySet().forEach(side -> {
            header.append(" `").append(side).append("` |");
            rule.append("---:|");
        });
        line("%s", header);
        line("%s", rule);
        for (int n : levels) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d |", n));
            Figure b = BenchReport.baselineOf(bySide, n);
            bySide.forEach((side, l) -> row.append(' ').append(l.containsKey(n) ? l.get(n).cell(format, b) : "—").append(" |"));
            line("%s", row);
        }
        line("");
    }

    private void line(String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
