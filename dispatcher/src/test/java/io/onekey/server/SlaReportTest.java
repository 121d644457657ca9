package io.onekey.server;

import static io.onekey.server.DispatchFixture.offerTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlaReportTest {

    private DispatchFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new DispatchFixture();
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static final String DAY = "from=2026-11-29T00:00:00Z&to=2026-11-30T00:00:00Z";

    @Test
    void theReportCountsAcknowledgementsWithinTargetPerProvider() throws Exception {
        // The crew's screen is open, so its offer gets the full 30 s (an unreachable crew gets 10 s).
        TestClients.FeedClient nearScreen = fx.feed("provider", "P-NEAR");
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        fx.clock.advance(Duration.ofSeconds(20)); // inside the 30 s offer window
        fx.operator(id, "acknowledge", new JsonObject());
        String near = fx.token("provider", "P-NEAR");
        assertEquals(200, fx.post("/api/offers/" + offerTo(fx.alert(id), "P-NEAR") + "/accept", near, new JsonObject()).statusCode());
        fx.clock.advance(Duration.ofMinutes(10));
        assertEquals(200, fx.post("/api/alerts/" + id + "/on-scene", near, new JsonObject().put("lat", 30.2741).put("lon", 120.1551)).statusCode());

        String supervisor = fx.token("supervisor", "sue");
        HttpResponse<String> response = TestClients.get(fx.running.http(
                "/api/sla?groupBy=provider&from=2026-11-29T00:00:00Z&to=2026-11-30T00:00:00Z"), supervisor);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject report = new JsonObject(response.body());
        JsonObject row = report.getJsonArray("groups").stream().map(g -> (JsonObject) g)
                .filter(g -> "P-NEAR".equals(g.getString("key"))).findFirst().orElseThrow();
        assertEquals(1, row.getInteger("alerts"));
        assertEquals(1.0, row.getDouble("acknowledgedWithin60sShare"));
        assertEquals(20.0, row.getDouble("receivedToAcknowledgedMedianSeconds"));
        assertEquals(1.0, row.getDouble("p1OnSceneWithin15MinShare"));

        fx.sos(); // a second alert, unacknowledged but only just received: not yet a failure
        fx.clock.advance(Duration.ofSeconds(5));
        fx.alarm(io.onekey.device.event.Protocol.GT06, DispatchFixture.PENDANT, io.onekey.device.event.AlarmKind.SOS,
                java.util.Optional.empty());
        await().until(() -> fx.alertsOfKind("SOS").size() == 2);
        JsonObject total = new JsonObject(TestClients.get(fx.running.http(
                "/api/sla?from=2026-11-29T00:00:00Z&to=2026-11-30T00:00:00Z"), supervisor).body()).getJsonObject("total");
        assertEquals(2, total.getInteger("alerts"));
        assertEquals(1.0, total.getDouble("acknowledgedWithin60sShare"), "the young alert is left out, not counted late");

        assertEquals(403, TestClients.get(fx.running.http("/api/sla"), fx.token("operator", "olga")).statusCode());
        assertTrue(nearScreen.received("offer"));
        assertEquals(400, TestClients.get(fx.running.http("/api/sla?from=yesterday"), supervisor).statusCode());
    }

    @Test
    void oneDeadlineSettingMovesEscalationTheLiveGaugeAndTheReport() throws Exception {
        fx.close();
        fx = new DispatchFixture(Map.of("dispatch.ackDeadline.P1", "30s"));
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        fx.clock.advance(Duration.ofSeconds(45));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.alert(id).getJsonObject("flags").getBoolean("escalated"));
        fx.operator(id, "acknowledge", new JsonObject());

        JsonObject ack = target(report("groupBy=priority").getJsonObject("total"), "acknowledged", "P1");
        assertEquals(30.0, ack.getDouble("withinSeconds"));
        assertEquals(0.975, ack.getDouble("objective"));
        assertEquals(1, ack.getInteger("count"));
        assertEquals(45.0, ack.getDouble("medianSeconds"));
        assertEquals(45.0, ack.getDouble("p99Seconds"));
        assertEquals(0.0, ack.getDouble("compliance"));
        JsonObject longer = target(report("groupBy=priority").getJsonObject("total"), "acknowledged_long", "P1");
        assertEquals(1.0, longer.getDouble("compliance"), "180 s still met");

        await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains(
                "onekey_sla_compliance{application=\"onekey\",priority=\"P1\",stage=\"received_to_acknowledged\",target=\"acknowledged\"} 0.0"));
        assertTrue(metrics().contains(
                "onekey_sla_objective_within_seconds{application=\"onekey\",priority=\"P1\",stage=\"received_to_acknowledged\",target=\"acknowledged\"} 30.0"));
    }

    @Test
    void theReportGroupsByPriorityAndComesAsCsv() throws Exception {
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        fx.clock.advance(Duration.ofSeconds(12));
        fx.operator(id, "acknowledge", new JsonObject());
        fx.alarm(Protocol.WATCH, DispatchFixture.WATCH, AlarmKind.LOW_BATTERY, Optional.empty());
        fx.awaitAlert("LOW_BATTERY");

        JsonObject report = report("groupBy=priority");
        assertEquals("priority", report.getString("groupBy"));
        List<String> keys = report.getJsonArray("groups").stream().map(g -> ((JsonObject) g).getString("key")).toList();
        assertEquals(List.of("P1", "P4"), keys);
        JsonObject p1 = report.getJsonArray("groups").getJsonObject(0);
        assertEquals(1.0, target(p1, "acknowledged", "P1").getDouble("compliance"));
        assertNull(target(p1, "acknowledged", "P4").getValue("compliance"), "no P4 alert in the P1 group");

        String supervisor = fx.token("supervisor", "sue");
        HttpResponse<String> csv = TestClients.get(fx.running.http("/api/sla?groupBy=priority&format=csv&" + DAY), supervisor);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("group,target,stage,priority,within_seconds,objective,count,median_seconds,p90_seconds,p99_seconds,judged,met,compliance",
                lines.get(0));
        assertTrue(lines.contains("P1,acknowledged,received_to_acknowledged,P1,60.0,0.975,1,12.0,12.0,12.0,1,1,1.0"), csv.body());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("(total),on_scene,received_to_on_scene,P1,900.0,0.9,0,")), csv.body());
        assertEquals(400, TestClients.get(fx.running.http("/api/sla?format=xml"), supervisor).statusCode());
    }

    private JsonObject report(String query) throws Exception {
        HttpResponse<String> response = TestClients.get(fx.running.http("/api/sla?" + query + "&" + DAY),
                fx.token("supervisor", "sam"));
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static JsonObject target(JsonObject row, String name, String priority) {
        return row.getJsonArray("targets").stream().map(t -> (JsonObject) t)
                .filter(t -> name.equals(t.getString("target")) && priority.equals(t.getString("priority")))
                .findFirst().orElseThrow(() -> new AssertionError("no target " + name + " " + priority + " in " + row.encode()));
    }

    private String metrics() throws Exception {
        return TestClients.get(fx.running.http("/metrics"), null).body();
    }
}
