package io.onekey.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.dispatcher.notify.WebhookSigner;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider's own system receives its offers, signed, and retried until it answers 2xx. */
class WebhookTest {

    private static final String SECRET = "webhook-secret-0123456789";

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer receiver;
    private DispatchFixture fx;

    @BeforeEach
    void start() throws Exception {
        // The provider's system fails the first call, then works.
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            received.add(new JsonObject()
                    .put("body", body.toString())
                    .put("timestamp", req.getHeader(WebhookSigner.TIMESTAMP_HEADER))
                    .put("signature", req.getHeader(WebhookSigner.SIGNATURE_HEADER))
                    .put("delivery", req.getHeader(WebhookSigner.DELIVERY_HEADER)));
            req.response().setStatusCode(calls.incrementAndGet() == 1 ? 500 : 204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        fx = new DispatchFixture(Map.of("dispatch.webhook.retryBase", "50ms",
                "dispatch.webhook.allowPrivateTargets", "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        fx.close();
        vertx.close();
    }

    private void giveNearAWebhook() throws Exception {
        JsonObject near = new JsonObject(TestClients.get(fx.running.http("/api/providers/P-NEAR"), RunningServer.ADMIN_TOKEN).body());
        near.put("webhookUrl", "http://127.0.0.1:" + receiver.actualPort() + "/onekey").put("webhookSecret", SECRET);
        near.remove("hasWebhookSecret");
        HttpResponse<String> put = TestClients.HTTP.send(HttpRequest.newBuilder(fx.running.http("/api/providers/P-NEAR"))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(near.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertFalse(put.body().contains(SECRET), "the secret is never shown");
    }

    @Test
    void messagesToOneProviderArriveInTheOrderTheyWereMadeEvenWhenOneIsRetried() throws Exception {
        giveNearAWebhook();
        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        await().until(() -> received.size() >= 1); // the offer's first attempt, answered 500
        assertEquals(200, fx.operator(id, "cancel", new JsonObject().put("reason", "false alarm")).statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        List<String> types = received.stream().map(r -> new JsonObject(r.getString("body")).getString("type")).toList();
        assertEquals(List.of("offer", "offer", "withdrawn"), types.subList(0, 3),
                "the withdrawal waits for the offer's retry to be delivered: " + types);
    }

    @Test
    void anOfferIsPostedSignedAndRetriedAndEveryAttemptIsInTheHistory() throws Exception {
        giveNearAWebhook();

        fx.sos();
        String id = fx.awaitAlert("SOS").getString("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);

        JsonObject second = received.get(1);
        assertEquals(received.get(0).getString("delivery"), second.getString("delivery"), "a retry is the same delivery");
        long timestamp = Long.parseLong(second.getString("timestamp"));
        assertEquals(WebhookSigner.sign(SECRET, timestamp, second.getString("body")), second.getString("signature"));
        JsonObject message = new JsonObject(second.getString("body"));
        assertEquals("offer", message.getString("type"));
        assertEquals(id, message.getJsonObject("alert").getString("id"));

        await().until(() -> webhookNotes(id).size() == 2);
        List<String> notes = webhookNotes(id);
        assertTrue(notes.get(0).contains("attempt 1: failed (HTTP 500)"), notes.toString());
        assertTrue(notes.get(1).contains("attempt 2: delivered (HTTP 204)"), notes.toString());
    }

    private List<String> webhookNotes(String alertId) throws Exception {
        return fx.alert(alertId).getJsonArray("history").stream().map(h -> (JsonObject) h)
                .filter(h -> "webhook".equals(h.getString("action"))).map(h -> h.getString("note")).toList();
    }
}
