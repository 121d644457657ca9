package io.onekey.server;

import io.onekey.testing.MutableClock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.device.event.PositionSource;
import io.onekey.device.event.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole server on a hand-moved clock, with events put straight into its event log (the
 * protocols' own path to it is tested elsewhere) and the API used as its clients use it.
 */
final class DispatchFixture implements AutoCloseable {

    static final String WATCH = "6907919734";
    static final String PENDANT = "864717003283581";
    private static final AtomicLong KEYS = new AtomicLong();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    final RunningServer running;

    DispatchFixture(Map<String, String> extraSettings) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("dispatch.tickInterval", "20ms"));
        settings.putAll(extraSettings);
        running = RunningServer.start(settings, clock);
    }

    DispatchFixture() throws Exception {
        this(Map.of());
    }

    void alarm(Protocol protocol, String deviceId, AlarmKind kind, Optional<Position> position) {
        append(new Alarm(deviceId, protocol, clock.instant(), Optional.empty(), "TEST:" + KEYS.incrementAndGet(), kind,
                position, "test:" + kind, Optional.empty()));
    }

    void sos() {
        alarm(Protocol.WATCH, WATCH, AlarmKind.SOS, Optional.empty());
    }

    void location(String deviceId, double lat, double lon, double accuracy, Instant fixTime) {
        append(new Location(deviceId, Protocol.GT06, clock.instant(), Optional.of(fixTime), "TEST:" + KEYS.incrementAndGet(),
                new Position(lat, lon, accuracy, fixTime, accuracy > 100 ? PositionSource.LBS : PositionSource.GPS)));
    }

    void heartbeat(Protocol protocol, String deviceId) {
        append(new Heartbeat(deviceId, protocol, clock.instant(), Optional.empty(), "TEST:" + KEYS.incrementAndGet(),
                OptionalInt.empty(), OptionalInt.empty()));
    }

    void append(DeviceEvent event) {
        List<DeviceEvent> events = List.of(event);
        running.server.eventLog().append(events, EventLogLanes.of(events)).toCompletionStage().toCompletableFuture().join();
    }

    JsonArray alerts() throws Exception {
        HttpResponse<String> response = TestClients.get(running.http("/api/alerts?limit=500"), RunningServer.ADMIN_TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body()).getJsonArray("items");
    }

    JsonObject alert(String id) throws Exception {
        HttpResponse<String> response = TestClients.get(running.http("/api/alerts/" + id), RunningServer.ADMIN_TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    /** Waits for exactly one open alert of the kind and returns it. */
    JsonObject awaitAlert(String kind) {
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOfKind(kind).size() == 1);
        try {
            return alertsOfKind(kind).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<JsonObject> alertsOfKind(String kind) throws Exception {
        return alerts().stream().map(o -> (JsonObject) o).filter(a -> kind.equals(a.getString("kind"))).toList();
    }

    HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
        return TestClients.post(running.http(path), token, body.encode());
    }

    HttpResponse<String> operator(String alertId, String action, JsonObject body) throws Exception {
        return post("/api/alerts/" + alertId + "/" + action, RunningServer.ADMIN_TOKEN, body);
    }

    String token(String role, String subject) throws Exception {
        HttpResponse<String> created = post("/api/tokens", RunningServer.ADMIN_TOKEN,
                new JsonObject().put("role", role).put("subject", subject));
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("token");
    }

    TestClients.FeedClient feed(String role, String subject) throws Exception {
        TestClients.FeedClient client = TestClients.FeedClient.connect(running.ws("/ws"), token(role, subject));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received("hello"));
        return client;
    }

    /** The id of the offer made to a provider, from the alert. */
    static String offerTo(JsonObject alert, String providerId) {
        return alert.getJsonArray("offers").stream().map(o -> (JsonObject) o)
                .filter(o -> providerId.equals(o.getString("providerId"))).findFirst().orElseThrow().getString("id");
    }

    static List<String> offeredProviders(JsonObject alert) {
        return alert.getJsonArray("offers").stream().map(o -> ((JsonObject) o).getString("providerId")).toList();
    }

    @Override
    public void close() {
        running.close();
    }
}
