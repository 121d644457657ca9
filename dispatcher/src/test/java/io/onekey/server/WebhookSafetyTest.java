package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.onekey.dispatcher.notify.WebhookTargets;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A provider's webhook can never aim the server at itself or its network: private, local and
 * odd numeric targets and URLs with credentials are refused when stored, a name resolving to a
 * local address is refused at delivery, and the history names no internal address.
 */
class WebhookSafetyTest {

    private static final String SECRET = "webhook-secret-0123456789";

    private static String provider(String id, String url) {
        return new JsonObject().put("id", id).put("name", "Crew " + id).put("serviceTypes", List.of("EMERGENCY"))
                .put("base", new JsonObject().put("lat", 30.279).put("lon", 120.16))
                .put("webhookUrl", url).put("webhookSecret", SECRET).encode();
    }

    @Test
    void privateLocalOddAndCredentialTargetsAreRefusedWhenStored() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of())) {
            int n = 0;
            for (String url : List.of("http://127.0.0.1:6379/", "http://169.254.169.254/latest/meta-data/",
                    "http://2130706433/", "http://0x7f.1/", "http://0.0.0.0:8080/api/tokens", "http://10.1.2.3/hook",
                    "http://192.168.1.20/hook", "http://[::1]/hook", "http://localhost/hook", "http://user:pw@example.org/hook")) {
                HttpResponse<String> refused = TestClients.post(running.http("/api/providers"), RunningServer.ADMIN_TOKEN,
                        provider("PX" + n++, url));
                assertEquals(400, refused.statusCode(), url + " -> " + refused.body());
            }
            assertEquals(201, TestClients.post(running.http("/api/providers"), RunningServer.ADMIN_TOKEN,
                    provider("PUB", "https://crm.example.org/onekey")).statusCode(), "a public name is fine");
        }
    }

    @Test
    void anAllowedOnPremisesNetworkIsAccepted() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of("dispatch.webhook.allowPrivateTargets", "10.20.0.0/16"))) {
            assertEquals(201, TestClients.post(running.http("/api/providers"), RunningServer.ADMIN_TOKEN,
                    provider("PIN", "http://10.20.3.4/hook")).statusCode());
            assertEquals(400, TestClients.post(running.http("/api/providers"), RunningServer.ADMIN_TOKEN,
                    provider("POUT", "http://10.21.3.4/hook")).statusCode(), "only the allowed network");
        }
    }

    @Test
    void aNameThatResolvesToALocalAddressIsRefusedAtDeliveryAndTheHistoryNamesNoAddress() throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = vertx.createHttpServer().requestHandler(req -> {
            calls.incrementAndGet();
            req.response().setStatusCode(204).end();
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        try (DispatchFixture fx = new DispatchFixture(Map.of())) {
            JsonObject near = new JsonObject(TestClients.get(fx.running.http("/api/providers/P-NEAR"), RunningServer.ADMIN_TOKEN).body());
            // The machine's own name passes as a name when stored; it is its address that is refused.
            String ownName = InetAddress.getLocalHost().getHostName();
            InetAddress ownAddress = InetAddress.getByName(ownName);
            assumeTrue(new WebhookTargets(List.of()).allowed(ownAddress) == false,
                    "this machine's name resolves to a public address; nothing to test here");
            near.put("webhookUrl", "http://" + ownName + ":" + receiver.actualPort() + "/hook").put("webhookSecret", SECRET);
            near.remove("hasWebhookSecret");
            HttpResponse<String> put = TestClients.HTTP.send(java.net.http.HttpRequest.newBuilder(fx.running.http("/api/providers/P-NEAR"))
                    .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN)
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(near.encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            fx.sos();
            String id = fx.awaitAlert("SOS").getString("id");
            await().until(() -> fx.alert(id).getJsonArray("history").encode().contains("not sent"));
            String history = fx.alert(id).getJsonArray("history").encode();
            assertTrue(history.contains("private, local or reserved address"), history);
            assertFalse(history.contains(ownAddress.getHostAddress()), "no internal address in the history");
            assertEquals(0, calls.get(), "nothing was sent");
        } finally {
            vertx.close();
        }
    }
}
