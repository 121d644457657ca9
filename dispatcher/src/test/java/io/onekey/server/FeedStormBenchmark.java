package io.onekey.server;

import static org.awaitility.Awaitility.await;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An SOS storm while operators' screens keep reconnecting: 3,000 SOS from 3,000 terminals in
 * 10 s, with 0 and then 20 live-feed clients that drop and reconnect (with {@code ?since=})
 * every 200 ms. Measures, per alert, the time from the hand-off of the press to the alert
 * being opened. Prints its figures; asserts only that every press became an alert.
 */
@Tag("benchmark")
class FeedStormBenchmark {

    private static final int PRESSES = 3_000;
    private static final Duration SPREAD = Duration.ofSeconds(10);

    @Test
    void threeThousandSosInTenSecondsWithAndWithoutReconnectingFeeds() throws Exception {
        String quiet = storm(0);
        String busy = storm(20);
        System.out.printf("%n== feed storm benchmark: %,d SOS in %d s, press hand-off to alert opened%n", PRESSES,
                SPREAD.toSeconds());
        System.out.println(quiet);
        System.out.println(busy);
    }

    private static String storm(int feeds) throws Exception {
        try (RunningServer running = RunningServer.start(Map.of("acceptUnknownDevices", "true"))) {
            OneKeyServer server = running.server;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong reconnects = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < feeds; i++) {
                Thread client = new Thread(() -> reconnectLoop(running, stop, reconnects), "feed-" + i);
                client.start();
                clients.add(client);
            }
            long start = System.nanoTime();
            long every = SPREAD.toNanos() / PRESSES;
            for (int i = 0; i < PRESSES; i++) {
                LockSupport.parkNanos(start + i * every - System.nanoTime()); // pacing the load, not waiting for a result
                List<DeviceEvent> press = List.of(new Alarm(String.format("77%08d", i), Protocol.WATCH, Instant.now(),
                        Optional.empty(), "storm:" + i, AlarmKind.SOS, Optional.empty(), "AL", Optional.empty()));
                server.eventLog().append(press, EventLogLanes.of(press));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> server.openAlerts() == PRESSES);
            stop.set(true);
            for (Thread client : clients) {
                client.join();
            }
            List<Alert> alerts = server.alertStore().list(AlertQuery.all(PRESSES)).toCompletionStage()
                    .toCompletableFuture().get();
            long[] millis = alerts.stream().mapToLong(a -> Duration.between(a.receivedAt(), a.history().get(0).at()).toMillis())
                    .sorted().toArray();
            long late = Arrays.stream(millis).filter(m -> m > 1000).count();
            return String.format(Locale.ROOT, "%2d feed clients (%,5d reconnects): alerts %,d, p50 %d ms, p99 %d ms, max %d ms, "
                            + "opened more than 1 s after the press: %d",
                    feeds, reconnects.get(), millis.length, millis[millis.length / 2],
                    millis[(int) Math.ceil(millis.length * 0.99) - 1], millis[millis.length - 1], late);
        }
    }

    private static void reconnectLoop(RunningServer running, AtomicBoolean stop, AtomicLong reconnects) {
        long since = 0;
        while (!stop.get()) {
            TestClients.FeedClient client = TestClients.FeedClient.connect(running.ws("/ws?since=" + since),
                    RunningServer.ADMIN_TOKEN);
            reconnects.incrementAndGet();
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // an operator's flaky network
            for (var message : client.messages) {
                since = Math.max(since, message.getLong("seq", 0L));
            }
            client.socket.abort();
        }
    }
}
