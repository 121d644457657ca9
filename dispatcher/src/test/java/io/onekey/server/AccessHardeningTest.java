package io.onekey.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Access done safely: the last admin can never lock everyone out, tokens can be listed without
 * their secrets, guessing is slowed, every response carries the browser safety headers, and a
 * bad request is explained without naming Java classes.
 */
class AccessHardeningTest {

    @Test
    void theLastAdminTokenCannotBeRevokedAndTokensAreListedWithoutSecrets() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            JsonArray tokens = list(running);
            assertEquals(1, tokens.size());
            String bootstrap = tokens.getJsonObject(0).getString("id");
            HttpResponse<String> refused = delete(running.http("/api/tokens/" + bootstrap), RunningServer.ADMIN_TOKEN);
            assertEquals(409, refused.statusCode(), refused.body());
            assertEquals(200, TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).statusCode());

            HttpResponse<String> created = TestClients.post(running.http("/api/tokens"), RunningServer.ADMIN_TOKEN,
                    "{\"role\":\"admin\",\"subject\":\"second-admin\"}");
            String secret = new JsonObject(created.body()).getString("token");
            JsonArray listed = list(running);
            assertEquals(2, listed.size());
            assertFalse(listed.encode().contains(secret), "no secret in the list");
            JsonObject second = listed.getJsonObject(1);
            assertEquals("second-admin", second.getString("subject"));
            assertNotNull(second.getString("createdAt"));
            assertNull(second.getString("lastUsedAt"), "not used yet");
            assertEquals(204, delete(running.http("/api/tokens/" + bootstrap), RunningServer.ADMIN_TOKEN).statusCode(),
                    "with another admin token, the bootstrap one may go");
            assertNotNull(list(running, secret).getJsonObject(0).getString("lastUsedAt"));
        }
    }

    @Test
    void guessingTokensFromOneAddressIsRefusedWith429AndRetryAfterButNeverLocksOutWhoWasAlreadyWorking() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            assertEquals(200, TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).statusCode());
            String unused = new JsonObject(TestClients.post(running.http("/api/tokens"), RunningServer.ADMIN_TOKEN,
                    "{\"role\":\"operator\",\"subject\":\"late-shift\"}").body()).getString("token");
            int refusedAt = -1;
            for (int i = 0; i < 40 && refusedAt < 0; i++) {
                HttpResponse<String> guess = TestClients.get(running.http("/api/alerts"), "ok_guess-" + i);
                if (guess.statusCode() == 429) {
                    refusedAt = i;
                    assertTrue(Integer.parseInt(guess.headers().firstValue("Retry-After").orElseThrow()) > 0);
                } else {
                    assertEquals(401, guess.statusCode());
                }
            }
            assertEquals(20, refusedAt, "the 21st wrong token within a minute is refused");
            assertEquals(200, TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).statusCode(),
                    "a token already working from this address (a crew behind the same NAT) keeps working");
            assertEquals(429, TestClients.get(running.http("/api/alerts"), unused).statusCode(),
                    "any other token from the locked-out address waits for the minute to end");
            assertTrue(running.server.registry().scrape().contains("reason=\"throttled\""));
        }
    }

    @Test
    void pagesAndApiCarryTheSafetyHeaders() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            for (String path : List.of("/", "/provider.html", "/api/alerts", "/health/live")) {
                HttpResponse<String> response = TestClients.get(running.http(path), RunningServer.ADMIN_TOKEN);
                var headers = response.headers();
                String csp = headers.firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
                assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), path);
                assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), path);
                assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null), path);
            }
        }
    }

    @Test
    void badBodiesAreExplainedWithoutJavaClassesAndANegativeCapacityIsRefused() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            for (String body : List.of("{\"id\":\"R9\",\"name\":\"X\",\"home\":{\"lat\":\"north\",\"lon\":1}}",
                    "{\"id\":\"R9\",\"name\":\"X\",\"home\":{\"lat\":1,\"lon\":1},\"shoeSize\":42}",
                    "[1,2]", "{\"id\":", "{\"id\":\"R9\"}")) {
                HttpResponse<String> response = TestClients.post(running.http("/api/residents"), RunningServer.ADMIN_TOKEN, body);
                assertEquals(400, response.statusCode(), body);
                String detail = new JsonObject(response.body()).getString("detail");
                assertFalse(detail.matches("(?s).*(io\\.onekey|java\\.|com\\.fasterxml|jackson|`|FAIL_ON).*"), body + " -> " + detail);
            }
            assertTrue(rawGet(running, "/api/alerts?cursor=%%%").startsWith("HTTP/1.1 400"),
                    "a broken query string is the caller's mistake, not a server error");
            assertEquals(400, TestClients.post(running.http("/api/tokens"), RunningServer.ADMIN_TOKEN,
                    "{\"role\":\"operator\",\"subject\":\"x\",\"x\":1}").statusCode(), "unknown fields are refused");
            HttpResponse<String> negative = TestClients.post(running.http("/api/providers"), RunningServer.ADMIN_TOKEN,
                    "{\"id\":\"PX\",\"name\":\"Crew X\",\"serviceTypes\":[\"EMERGENCY\"],\"base\":{\"lat\":30.2,\"lon\":120.1},"
                            + "\"capacity\":-5}");
            assertEquals(400, negative.statusCode(), negative.body());
            assertTrue(new JsonObject(negative.body()).getString("detail").contains("capacity"), negative.body());
        }
    }

    /** A request no well-behaved client library would send: written by hand. */
    private static String rawGet(RunningServer running, String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", running.server.httpPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + RunningServer.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static JsonArray list(RunningServer running) throws Exception {
        return list(running, RunningServer.ADMIN_TOKEN);
    }

    private static JsonArray list(RunningServer running, String token) throws Exception {
        HttpResponse<String> response = TestClients.get(running.http("/api/tokens"), token);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body()).getJsonArray("items");
    }

    private static HttpResponse<String> delete(URI uri, String token) throws Exception {
        return TestClients.HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
