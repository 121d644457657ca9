package io.onekey.server;

import io.onekey.testing.MutableClock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A server started again on the same store picks up where the last one stopped: the pending
 * offer expires and the next crew is offered, the missed acknowledge deadline escalates at once
 * and says it was handled late, tokens still work, and a feed client from before the restart
 * is told to reload.
 */
class RestartResumeTest {

    @Test
    void offersDeadlinesTokensAndTheFeedResumeAfterARestart() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        Map<String, String> settings = Map.of("store.path", RunningServer.freshStorePath().toString(),
                "dispatch.tickInterval", "20ms");
        String alertId;
        String operator;
        long seqBefore;
        try (RunningServer first = RunningServer.start(settings, clock)) {
            List<DeviceEvent> sos = List.of(new Alarm(DispatchFixture.WATCH, Protocol.WATCH, clock.instant(), Optional.empty(),
                    "restart:sos", AlarmKind.SOS, Optional.empty(), "AL", Optional.empty()));
            first.server.eventLog().append(sos, EventLogLanes.of(sos)).toCompletionStage().toCompletableFuture().join();
            await().until(() -> alerts(first).size() == 1 && alerts(first).getJsonObject(0).getJsonArray("offers").size() == 1);
            JsonObject alert = alerts(first).getJsonObject(0);
            alertId = alert.getString("id");
            assertEquals("P-NEAR", alert.getJsonArray("offers").getJsonObject(0).getString("providerId"));
            HttpResponse<String> created = TestClients.post(first.http("/api/tokens"), RunningServer.ADMIN_TOKEN,
                    "{\"role\":\"operator\",\"subject\":\"night-shift\"}");
            operator = new JsonObject(created.body()).getString("token");
            TestClients.FeedClient feed = TestClients.FeedClient.connect(first.ws("/ws"), operator);
            await().until(() -> feed.received("hello"));
            seqBefore = feed.first("hello").getLong("seq");
        }

        clock.advance(Duration.ofMinutes(2));
        try (RunningServer second = RunningServer.start(settings, clock)) {
            await().until(() -> alert(second, alertId).getJsonArray("offers").size() == 2);
            JsonObject alert = alert(second, alertId);
            JsonObject expired = alert.getJsonArray("offers").getJsonObject(0);
            assertEquals("EXPIRED", expired.getString("state"), "the offer's time ran out while the server was down");
            assertEquals("P-MID", alert.getJsonArray("offers").getJsonObject(1).getString("providerId"), "the next crew");
            await().until(() -> alert(second, alertId).getJsonObject("flags").getBoolean("escalated"));
            String history = alert(second, alertId).getJsonArray("history").encode();
            assertTrue(history.contains("late: the server was not running at the deadline"), history);
            assertEquals(200, TestClients.get(second.http("/api/alerts"), operator).statusCode(), "the token survived");

            TestClients.FeedClient feed = TestClients.FeedClient.connect(second.ws("/ws?since=" + (seqBefore - 1)), operator);
            await().until(() -> feed.received("reload"));
            assertTrue(feed.first("hello").getLong("seq") > seqBefore, "change numbers keep growing across restarts");
            TestClients.FeedClient current = TestClients.FeedClient.connect(
                    second.ws("/ws?since=" + feed.first("hello").getLong("seq")), operator);
            await().until(() -> current.received("hello"));
            assertTrue(current.messages.stream().noneMatch(m -> "reload".equals(m.getString("type"))),
                    "a client that missed nothing is not told to reload");
            String newId = openAnother(second, clock);
            assertTrue(Long.parseLong(newId.substring(1)) > Long.parseLong(alertId.substring(1)), "alert numbers continue");
        }
    }

    private static String openAnother(RunningServer running, MutableClock clock) throws Exception {
        List<DeviceEvent> sos = List.of(new Alarm(DispatchFixture.PENDANT, Protocol.GT06, clock.instant(), Optional.empty(),
                "restart:sos2", AlarmKind.SOS, Optional.empty(), "GT06", Optional.empty()));
        running.server.eventLog().append(sos, EventLogLanes.of(sos)).toCompletionStage().toCompletableFuture().join();
        await().until(() -> alerts(running).size() == 2);
        return alerts(running).stream().map(o -> (JsonObject) o)
                .filter(a -> DispatchFixture.PENDANT.equals(a.getString("deviceId"))).findFirst().orElseThrow().getString("id");
    }

    private static JsonArray alerts(RunningServer running) throws Exception {
        return new JsonObject(TestClients.get(running.http("/api/alerts"), RunningServer.ADMIN_TOKEN).body()).getJsonArray("items");
    }

    private static JsonObject alert(RunningServer running, String id) throws Exception {
        return new JsonObject(TestClients.get(running.http("/api/alerts/" + id), RunningServer.ADMIN_TOKEN).body());
    }
}
