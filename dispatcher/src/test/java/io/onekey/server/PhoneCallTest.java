package io.onekey.server;

import static io.onekey.server.DispatchFixture.offeredProviders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Residents and their families phone too: the operator opens the alert, and it is routed like a press. */
class PhoneCallTest {

    private DispatchFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new DispatchFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponse<String> call(String token, JsonObject body) throws Exception {
        return fx.post("/api/alerts", token, body);
    }

    @Test
    void aPhonedInFallIsRoutedToTheNearestCrewWithTheCallersWordsInItsHistory() throws Exception {
        HttpResponse<String> opened = call(fx.token("operator", "olga"), new JsonObject().put("residentId", "R1")
                .put("kind", "FALL").put("note", "daughter called: mother fell in the kitchen"));
        assertEquals(201, opened.statusCode(), opened.body());
        JsonObject alert = new JsonObject(opened.body());
        assertEquals("P1", alert.getString("priority"));
        assertEquals("R1", alert.getString("residentId"));
        assertEquals(List.of("P-NEAR"), offeredProviders(alert), "routed like a press of the button");
        JsonObject said = alert.getJsonArray("history").stream().map(h -> (JsonObject) h)
                .filter(h -> "note".equals(h.getString("action"))).findFirst().orElseThrow();
        assertEquals("operator:olga", said.getString("actor"));
        assertEquals("phoned in: daughter called: mother fell in the kitchen", said.getString("note"));
    }

    @Test
    void aMealsRequestForLaterGoesToTheMealsServiceAndKeepsTheWantedTime() throws Exception {
        HttpResponse<String> opened = call(RunningServer.ADMIN_TOKEN, new JsonObject().put("residentId", "R1")
                .put("kind", "SERVICE_REQUEST").put("serviceType", "MEALS").put("wanted", "tomorrow 11:30-12:30"));
        assertEquals(201, opened.statusCode(), opened.body());
        JsonObject alert = new JsonObject(opened.body());
        assertEquals("P3", alert.getString("priority"));
        assertTrue(alert.getJsonArray("history").encode().contains("phoned in, wanted tomorrow 11:30-12:30"), alert.encode());
    }

    @Test
    void aCallIsRefusedInTheCallersTerms() throws Exception {
        String olga = fx.token("operator", "olga");
        HttpResponse<String> nobody = call(olga, new JsonObject().put("residentId", "R404").put("kind", "SOS"));
        assertEquals(400, nobody.statusCode());
        assertTrue(nobody.body().contains("no resident R404"), nobody.body());
        HttpResponse<String> cancel = call(olga, new JsonObject().put("residentId", "R1").put("kind", "CANCEL"));
        assertEquals(400, cancel.statusCode());
        assertTrue(cancel.body().contains("at kind"), cancel.body());
        HttpResponse<String> bogus = call(olga, new JsonObject().put("residentId", "R1").put("kind", "SOS").put("serviceType", "MEALS"));
        assertEquals(400, bogus.statusCode());
        assertEquals(403, call(fx.token("provider", "P-NEAR"), new JsonObject().put("residentId", "R1").put("kind", "SOS")).statusCode());
        assertTrue(fx.alerts().isEmpty(), "nothing was opened by a refused call");
    }
}
