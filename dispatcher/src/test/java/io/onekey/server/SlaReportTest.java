package io.onekey.server;

import static io.onekey.server.DispatchFixture.offerTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        fx.close();
    }

    @Test
    void theReportCountsAcknowledgementsWithinTargetPerProvider() throws Exception {
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
        assertEquals(400, TestClients.get(fx.running.http("/api/sla?from=yesterday"), supervisor).statusCode());
    }
}
