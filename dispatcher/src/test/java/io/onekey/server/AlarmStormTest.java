package io.onekey.server;

import io.onekey.testing.MutableClock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * After a power cut thousands of terminals report power loss at once. An SOS arriving behind
 * them must not wait: it takes the priority lane from the hand-off on.
 */
class AlarmStormTest {

    private static final int BACKLOG = 10_000;

    @Test
    void anSosBehindTenThousandP4EventsIsOfferedBeforeOnePercentOfThemIsProcessed() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        OneKeyServer server = RunningServer.build(Map.of("acceptUnknownDevices", "true"), clock);
        for (int i = 0; i < BACKLOG; i++) {
            append(server, new Alarm(String.format("55%08d", i), Protocol.WATCH, clock.instant(), Optional.empty(),
                    "storm:" + i, AlarmKind.POWER_LOSS, Optional.empty(), "test", Optional.empty()));
        }
        append(server, new Alarm(DispatchFixture.WATCH, Protocol.WATCH, clock.instant(), Optional.empty(), "storm:sos",
                AlarmKind.SOS, Optional.empty(), "test", Optional.empty()));

        try (RunningServer running = RunningServer.started(server)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> server.openAlerts() == BACKLOG + 1);
            HttpResponse<String> list = TestClients.get(running.http("/api/alerts?priority=P1"), RunningServer.ADMIN_TOKEN);
            JsonObject sos = new JsonObject(list.body()).getJsonArray("items").getJsonObject(0);
            assertEquals("SOS", sos.getString("kind"));
            assertEquals(1, sos.getJsonArray("offers").size(), "the SOS was offered");
            // Alert ids are numbered in the order alerts were opened; the offer is made in the
            // same step as the opening, before the next event is taken.
            int order = Integer.parseInt(sos.getString("id").substring(1));
            assertTrue(order <= BACKLOG / 100, "SOS opened and offered as alert #" + order
                    + ", after more than 1 % of the backlog");
        }
    }

    private static void append(OneKeyServer server, DeviceEvent event) {
        List<DeviceEvent> events = List.of(event);
        server.eventLog().append(events, EventLogLanes.of(events));
    }
}
