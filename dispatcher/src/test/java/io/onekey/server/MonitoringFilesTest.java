package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onekey.device.gateway.GatewayServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files in {@code monitoring/} against the server that exports the metrics: the alert rules
 * and a real scrape of {@code /metrics} pass promtool, and the dashboard and the rules use only
 * metrics the server exports.
 */
class MonitoringFilesTest {

    private static final Path MONITORING = Path.of("..", "monitoring");
    private static final Path DASHBOARD = MONITORING.resolve("grafana/onekey-dashboard.json");
    private static final Path RULES = MONITORING.resolve("prometheus/alerts.yml");
    /** Names PromQL gives meaning to, which are not series: functions, keywords, and Prometheus's own {@code up}. */
    private static final Set<String> NOT_SERVER_METRICS = Set.of("up", "sum", "rate", "irate", "increase", "by", "without",
            "histogram_quantile", "max", "min", "avg", "count", "and", "or", "unless", "on", "ignoring", "group_left",
            "group_right", "clamp_min", "clamp_max", "le", "bool", "absent", "time", "offset", "max_over_time",
            "min_over_time", "avg_over_time", "topk", "vector", "scalar", "label_replace", "sort_desc", "abs");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static DispatchFixture fx;
    private static String scrape;

    @BeforeAll
    static void startAndDriveTraffic() throws Exception {
        fx = new DispatchFixture();
        // One of everything that creates a meter on first use: an alert through to on scene,
        // a bad frame, a refused API call.
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        fx.operator(id, "acknowledge", new JsonObject());
        String near = fx.token("provider", "P-NEAR");
        fx.post("/api/offers/" + DispatchFixture.offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject());
        fx.post("/api/alerts/" + id + "/on-scene", near, new JsonObject().put("lat", 30.2741).put("lon", 120.1551));
        TestClients.sendWatchFrame(fx.running.server.port(GatewayServer.Listener.WATCH_TCP),
                "[SG*6907919734*0002*LK][garbage]".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(401, TestClients.get(fx.running.http("/api/alerts"), "not-a-token-at-all").statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains("onekey_gateway_frames_invalid_total"));
        scrape = metrics();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "metrics-scrape.txt"), scrape);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static String metrics() throws Exception {
        HttpResponse<String> response = TestClients.get(fx.running.http("/metrics"), null);
        assertEquals(200, response.statusCode());
        return response.body();
    }

    @Test
    void aRealScrapePassesPromtool() throws Exception {
        Promtool.Result result = Promtool.run(scrape, "check", "metrics");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void theScrapeCountsTheTrafficDriven() {
        assertTrue(value("onekey_gateway_received_bytes_total{application=\"onekey\",protocol=\"watch\"}") > 0, scrape);
        assertTrue(value("onekey_gateway_frames_invalid_total{application=\"onekey\",protocol=\"watch\",reason=\"bad-header\"}") >= 1);
        assertTrue(value("onekey_http_requests_rejected_total{application=\"onekey\",status=\"401\"}") >= 1);
        assertEquals(1.0, value("onekey_alerts_opened_total{application=\"onekey\",kind=\"SOS\",priority=\"P1\"}"));
        assertEquals(1.0, value("onekey_alerts_open{application=\"onekey\",state=\"on_scene\"}"));
    }

    private static double value(String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }

    @Test
    void theAlertRulesPassPromtool() throws Exception {
        Promtool.Result result = Promtool.run(null, "check", "rules", RULES.toString());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void theDashboardUsesOnlyMetricsTheServerExports() throws Exception {
        List<String> expressions = new ArrayList<>();
        collect(new ObjectMapper().readTree(DASHBOARD.toFile()), "expr", expressions);
        assertTrue(expressions.size() >= 10, "the dashboard has its panels: " + expressions.size());
        assertEquals(Set.of(), unknownMetrics(expressions), "metrics the dashboard uses that /metrics does not export");
    }

    @Test
    void theAlertRulesUseOnlyMetricsTheServerExports() throws Exception {
        List<String> expressions = new ArrayList<>();
        collect(new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile()), "expr", expressions);
        assertTrue(expressions.size() >= 5, "the five alerts of the issue at least: " + expressions.size());
        assertEquals(Set.of(), unknownMetrics(expressions), "metrics the alert rules use that /metrics does not export");
    }

    private static void collect(JsonNode node, String field, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals(field) && e.getValue().isTextual()) {
                    into.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), field, into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, field, into));
        }
    }

    /** Metric names in the expressions (identifiers outside label matchers and lists, strings and durations) that the scrape lacks. */
    private static Set<String> unknownMetrics(List<String> expressions) {
        Set<String> exported = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String expr : expressions) {
            String bare = expr.replaceAll("\\{[^}]*}", " ")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ").replaceAll("\\[[^]]*]", " ")
                    .replaceAll("\\$\\w+", " ");
            Matcher m = IDENTIFIER.matcher(bare);
            while (m.find()) {
                String name = m.group();
                boolean numberPart = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
                if (!numberPart && !NOT_SERVER_METRICS.contains(name) && !exported.contains(name)) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }
}
