package io.onekey.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The figures of one scale run, printed as they come, then written as JSON and Markdown. */
final class ScaleReport {

    /** The end-to-end target: an SOS offered to a provider within 25 ms at p99. */
    static final double TARGET_P99_MS = 25;

    private final ScaleBenchmark.Options o;
    private final JsonObject figures = new JsonObject();

    ScaleReport(ScaleBenchmark.Options options) {
        this.o = options;
    }

    void put(String key, Object value) {
        figures.put(key, value);
    }

    double number(String key) {
        return ((Number) figures.getValue(key)).doubleValue();
    }

    void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    void histogram(String key, Histogram h) {
        figures.put(key, new JsonObject().put("count", h.getTotalCount())
                .put("p50Ms", h.getValueAtPercentile(50) / 1e3).put("p99Ms", h.getValueAtPercentile(99) / 1e3)
                .put("p999Ms", h.getValueAtPercentile(99.9) / 1e3).put("maxMs", h.getMaxValue() / 1e3));
    }

    /** The machine's conditions: cores, memory, this process's open-file limits, the kernel. */
    void machine() throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        figures.put("machine", new JsonObject()
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("memoryBytes", os.getTotalMemorySize())
                .put("openFileLimit", ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount())
                .put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .put("ephemeralPorts", Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().replace('\t', '-')));
        figures.put("at", Instant.now().toString());
        figures.put("load.beforeStart", o.loadAtStart());
        figures.put("command", o.command());
        figures.put("config", new JsonObject().put("terminals", o.terminals()).put("gateways", o.gateways().size())
                .put("dispatchers", o.nodes().stream().filter(n -> n.role().equals("dispatcher")).count())
                .put("perProcess", o.perProcess()).put("perSource", o.perSource()).put("heartbeatSeconds", o.heartbeatSeconds())
                .put("sosRate", o.sosRate()).put("sosSeconds", o.sosSeconds()));
    }

    void write() throws IOException {
        Path json = o.out().resolve("scale-" + o.label() + ".json");
        Path md = o.out().resolve("scale-" + o.label() + ".md");
        Files.writeString(json, figures.encodePrettily() + "\n");
        String markdown = markdown();
        Files.writeString(md, markdown);
        System.out.println();
        System.out.print(markdown);
        System.out.println("written: " + md + ", " + json);
    }

    private String markdown() {
        JsonObject m = figures.getJsonObject("machine");
        JsonObject offer = figures.getJsonObject("sos.pressToOffer");
        JsonObject answer = figures.getJsonObject("sos.pressToAnswer");
        JsonObject lag = figures.getJsonObject("sos.sendLag");
        double p99 = offer.getDouble("p99Ms");
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "# Scale benchmark (%s)%n%n", o.label()));
        s.append(String.format(Locale.ROOT, "`%s`, %s. Machine: %d cores, %.1f GiB, open-file limit %,d per process,"
                        + " ephemeral ports %s, %s, %s.%s%n%n", figures.getString("command"), figures.getString("at"),
                m.getInteger("cores"), m.getLong("memoryBytes") / (double) (1L << 30), m.getLong("openFileLimit"),
                m.getString("ephemeralPorts"), m.getString("kernel"), m.getString("java"),
                o.redisNice() < 0 ? String.format(Locale.ROOT, " Redis ran at nice %d, the nodes and load generators at 0:"
                        + " a stand-in for the host of its own it has in production, as the %d processes of the benchmark"
                        + " share these cores.", o.redisNice(), o.nodes().size() + (o.terminals() + o.perProcess() - 1) / o.perProcess() + 1)
                        : " Redis shared the cores with the nodes and load generators on equal terms."));
        s.append(String.format(Locale.ROOT, "## Connections%n%n%,d watch terminals connected (%,d failed, %,d closed) to %d"
                        + " gateway processes in %.0f s, from %d load-generator processes (at most %,d terminals each, %,d per"
                        + " source address 127.0.0.x); each sends an LK heartbeat every %d s.%n%n",
                (long) number("terminals.connected"), (long) number("terminals.failed"), (long) number("terminals.closed"),
                o.gateways().size(), number("connect.seconds"), (o.terminals() + o.perProcess() - 1) / o.perProcess(),
                o.perProcess(), o.perSource(), o.heartbeatSeconds()));
        s.append("| node | connections | live heap before → after | heap per connection | resident memory |\n|---|---:|---:|---:|---:|\n");
        for (Object item : figures.getJsonArray("nodes", new JsonArray())) {
            JsonObject n = (JsonObject) item;
            boolean gateway = n.getString("role").equals("gateway");
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f MB |%n", n.getString("name"),
                    gateway ? String.format(Locale.ROOT, "%,d", n.getLong("connections")) : "—",
                    gateway ? String.format(Locale.ROOT, "%.0f → %.0f MB", n.getLong("liveHeapBefore") / 1e6, n.getLong("liveHeap") / 1e6)
                            : String.format(Locale.ROOT, "%.0f MB", n.getLong("liveHeap") / 1e6),
                    gateway ? String.format(Locale.ROOT, "%,.0f B", n.getDouble("heapPerConnection")) : "—",
                    n.getLong("residentBytes") / 1e6));
        }
        s.append(String.format(Locale.ROOT, "%nDispatchers consumed %,.0f events/s together while steady; events stored"
                        + " but not yet processed: %s once connected, %s after the steady minute, %s after the SOS.%n",
                number("dispatchers.eventsPerSecond"), lanes("backlog.connected"), lanes("backlog.steady"), lanes("backlog.afterSos")));
        s.append(String.format(Locale.ROOT, "%nHeartbeats: %,.0f frames/s answered (%,.0f sent). Load average (1 min) %.2f"
                        + " before the benchmark started anything (other work on the machine), %.2f while steady, %.2f at most"
                        + " during the SOS.%n%n", number("heartbeats.answeredPerSecond"), number("heartbeats.sentPerSecond"),
                number("load.beforeStart"), number("load.steady"), number("load.sos")));
        s.append(String.format(Locale.ROOT, "## SOS: %d/s for %d s on distinct terminals%n%n", o.sosRate(), o.sosSeconds()));
        s.append("| from the press's intended send to | n | p50 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
        row(s, "its offer on a provider's WebSocket (API node)", offer);
        row(s, "the gateway's answer `[3G*…*AL]`", answer);
        row(s, "its actual send (the generator's own lateness)", lag);
        JsonObject made = figures.getJsonObject("sos.answerToOfferMade");
        JsonObject fed = figures.getJsonObject("sos.offerMadeToFeed");
        if (made != null && fed != null) {
            s.append("\nThe time to offer, split (the offer's own `offeredAt`, set by the dispatcher that made it; one clock):\n\n");
            s.append("| stage | n | p50 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
            row(s, "gateway's answer → offer made by a dispatcher", made);
            row(s, "offer made → on the provider's WebSocket", fed);
        }
        s.append(String.format(Locale.ROOT, "%nPressed %,d; never answered: %d; never offered: %d; offers received %,d"
                        + " (a second offer for one alert: %d); SOS frames sent again after %d s without an answer: %,d; provider"
                        + " feeds dropped by the API node as too slow and reconnected with ?since=: %d.%n%n",
                (long) number("sos.pressed"), (long) number("sos.unanswered"), (long) number("sos.unoffered"),
                (long) number("sos.offers"), (long) number("sos.repeatedOffers"), ScaleTerminals.RETRANSMIT_SECONDS,
                (long) number("sos.retransmissions"), (long) number("sos.feedReconnects")));
        s.append(String.format(Locale.ROOT, "Target p99 ≤ %.0f ms: **%s** by %.1f ms (p99 %.1f ms).%n%n", TARGET_P99_MS,
                p99 <= TARGET_P99_MS ? "met" : "missed", Math.abs(TARGET_P99_MS - p99), p99));
        s.append(String.format(Locale.ROOT, "Offers reached the providers at %.0f/s on average from the first press to the"
                + " last offer (pressed at %d/s).%n%n", number("sos.offersPerSecond"), o.sosRate()));
        JsonObject before = figures.getJsonObject("redis.pingBeforeSos");
        JsonObject during = figures.getJsonObject("redis.pingDuringSos");
        s.append(String.format(Locale.ROOT, "Redis round trip (PING from the conductor): p50 %.2f ms, p99 %.2f ms before the"
                        + " SOS; p50 %.2f ms, p99 %.2f ms, max %.1f ms during it.%n%n", before.getDouble("p50Ms"),
                before.getDouble("p99Ms"), during.getDouble("p50Ms"), during.getDouble("p99Ms"), during.getDouble("maxMs")));
        s.append("CPU used during the SOS window, in cores (the machine has " + m.getInteger("cores") + "):");
        figures.getJsonObject("cpu.coresDuringSos").forEach(e -> s.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(),
                ((Number) e.getValue()).doubleValue())));
        s.append("\n\n");
        s.append("## Redis memory (`INFO memory` used_memory)\n\n| what | bytes |\n|---|---:|\n");
        s.append(String.format(Locale.ROOT, "| all nodes started, directory file loaded (%,d residents and devices) | %,d |%n",
                o.terminals(), (long) number("redis.afterStart")));
        s.append(String.format(Locale.ROOT, "| per resident created through the API (MEMORY USAGE of the residents hash) | %,.0f |%n", number("redis.perApiResident")));
        s.append(String.format(Locale.ROOT, "| per device created through the API (MEMORY USAGE of the devices hash) | %,.0f |%n", number("redis.perApiDevice")));
        s.append(String.format(Locale.ROOT, "| terminals connected and heard (%,d device states) | %,d |%n",
                (long) number("redis.deviceStates"), (long) number("redis.connected")));
        s.append(String.format(Locale.ROOT, "| per device state (MEMORY USAGE of the states hash / its entries) | %,.0f |%n",
                number("redis.perDeviceState")));
        s.append(String.format(Locale.ROOT, "| before the SOS → with the alerts open → all closed | %,d → %,d → %,d |%n",
                (long) number("redis.beforeSos"), (long) number("redis.withOpenAlerts"), (long) number("redis.withClosedAlerts")));
        s.append(String.format(Locale.ROOT, "| per closed alert, everything included (%,d closed through the API, %.0f/s) | %,.0f |%n",
                (long) number("alerts.closed"), number("alerts.closedPerSecond"), number("redis.perClosedAlert")));
        s.append(String.format(Locale.ROOT, "| one alert's hash (MEMORY USAGE), open → closed | %,.0f → %,.0f |%n",
                number("redis.openAlertHash"), number("redis.closedAlertHash")));
        return s.toString();
    }

    private String lanes(String key) {
        JsonObject lanes = figures.getJsonObject(key, new JsonObject());
        return String.format(Locale.ROOT, "%,d priority + %,d normal", lanes.getLong("priority", -1L), lanes.getLong("normal", -1L));
    }

    private static void row(StringBuilder s, String what, JsonObject h) {
        s.append(String.format(Locale.ROOT, "| %s | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", what, h.getLong("count"),
                h.getDouble("p50Ms"), h.getDouble("p99Ms"), h.getDouble("p999Ms"), h.getDouble("maxMs")));
    }
}
