package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Residents, devices and providers changed at run time through the API. */
class DirectoryApiTest {

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
    void aValidationErrorNamesTheFieldAndTheReason() throws Exception {
        HttpResponse<String> bad = fx.post("/api/residents", RunningServer.ADMIN_TOKEN, new JsonObject("""
                {"id": "R9", "name": "Gu Lan", "home": {"lat": 95, "lon": 120}}"""));
        assertEquals(400, bad.statusCode());
        String detail = new JsonObject(bad.body()).getString("detail");
        assertTrue(detail.contains("home") && detail.contains("lat must be within -90..90"), detail);

        HttpResponse<String> unknownField = fx.post("/api/providers", RunningServer.ADMIN_TOKEN, new JsonObject("""
                {"id": "P9", "name": "X", "serviceTypes": ["EMERGENCY"], "base": {"lat": 30, "lon": 120}, "capasity": 2}"""));
        assertEquals(400, unknownField.statusCode());
        assertTrue(new JsonObject(unknownField.body()).getString("detail").contains("capasity"));
    }

    @Test
    void aDevicesKeyIsAcceptedButNeverShown() throws Exception {
        HttpResponse<String> created = fx.post("/api/devices", RunningServer.ADMIN_TOKEN, new JsonObject("""
                {"id": "9911", "protocol": "DC09", "residentId": "R1", "dc09Key": "BBBBBBBBBBBBBBBB"}"""));
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains("BBBB"));
        assertTrue(new JsonObject(created.body()).getBoolean("hasDc09Key"));
        String listed = TestClients.get(fx.running.http("/api/devices"), RunningServer.ADMIN_TOKEN).body();
        assertTrue(listed.contains("9911") && !listed.contains("BBBB"));
    }

    @Test
    void onlyAdminsChangeTheDirectoryAndOperatorsRead() throws Exception {
        String operator = fx.token("operator", "olga");
        assertEquals(200, TestClients.get(fx.running.http("/api/residents"), operator).statusCode());
        HttpResponse<String> refused = fx.post("/api/residents", operator, new JsonObject("""
                {"id": "R9", "name": "Gu Lan", "home": {"lat": 30, "lon": 120}}"""));
        assertEquals(403, refused.statusCode());
    }

    @Test
    void aProviderTakenOffDutyIsNoLongerOffered() throws Exception {
        JsonObject near = new JsonObject(TestClients.get(fx.running.http("/api/providers/P-NEAR"), RunningServer.ADMIN_TOKEN).body());
        near.put("status", "OFF_DUTY");
        HttpResponse<String> put = TestClients.HTTP.send(HttpRequest.newBuilder(fx.running.http("/api/providers/P-NEAR"))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(near.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        fx.sos();
        assertEquals(List.of("P-MID"), DispatchFixture.offeredProviders(fx.awaitAlert("SOS")));
    }

    @Test
    void aResidentWithDevicesCannotBeDeleted() throws Exception {
        HttpResponse<String> delete = TestClients.HTTP.send(HttpRequest.newBuilder(fx.running.http("/api/residents/R1"))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, delete.statusCode());
    }
}
