package io.onekey.bench;

import static org.awaitility.Awaitility.await;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.device.gateway.GatewayServer;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertFlags;
import io.onekey.dispatcher.alert.AlertPosition;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.AlertTiming;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.store.memory.InMemoryEventLog;
import io.onekey.dispatcher.store.sqlite.SqliteAlertStore;
import io.onekey.dispatcher.store.sqlite.SqliteDatabase;
import io.onekey.dispatcher.store.sqlite.SqliteEventLog;
import io.onekey.server.OneKeyServer;
import io.onekey.server.config.OneKeyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What durability costs, in one run: watch heartbeats over real TCP, each answered only after
 * its event is stored, against the server on the in-memory store, on SQLite at {@code sync:
 * normal} and at {@code sync: full}. Prints events answered per second (400 connections, each
 * sending its next frame when the last is answered), the time from frame to answer at a paced
 * 500 and 5,000 frames/s, and how the database file grows per million events and per thousand
 * alerts. Client and server share the machine's two cores.
 */
@Tag("benchmark")
class StoreBenchmark {

    private static final int CONNECTIONS = 400;
    private static final int SECONDS = 8;

    @TempDir
    Path dir;

    @Test
    void durabilityCostAndGrowth() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String store : List.of("memory", "normal", "full")) {
            lines.add(run(store));
            System.out.println(lines.get(lines.size() - 1));
        }
        for (String store : List.of("memory", "normal", "full")) {
            lines.add(appendOnly(store));
        }
        lines.add(alertGrowth());
        System.out.printf("%n== store benchmark: watch heartbeats over TCP, answered after the append%n");
        lines.forEach(System.out::println);
    }

    private String run(String store) throws Exception {
        Path db = dir.resolve(store + ".db");
        Map<String, String> settings = new HashMap<>();
        settings.put("http.host", "127.0.0.1");
        settings.put("http.port", "0");
        settings.put("gateway.host", "127.0.0.1");
        settings.put("gateway.dc09Port", "0");
        settings.put("gateway.watchPort", "0");
        settings.put("gateway.gt06Port", "0");
        settings.put("adminToken", "benchmark-admin-token-0123456789");
        settings.put("acceptUnknownDevices", "true");
        settings.put("store.type", store.equals("memory") ? "memory" : "sqlite");
        settings.put("store.sync", store.equals("memory") ? "full" : store);
        settings.put("store.path", db.toString());
        try (OneKeyServer server = new OneKeyServer(OneKeyConfig.load(null, Map.of(), settings), Clock.systemUTC()).start()) {
            int port = server.port(GatewayServer.Listener.WATCH_TCP);
            long rate;
            long sizeBefore;
            long events;
            try (WatchLoadClient load = new WatchLoadClient(port, CONNECTIONS, "81")) {
                load.startClosedLoop();
                Thread.sleep(2000); // warm-up of the JIT: a measurement window, not a wait for a result
                sizeBefore = checkpointedSize(server, db);
                long start = System.nanoTime();
                long before = load.answers.get();
                Thread.sleep(SECONDS * 1000L); // the measured period
                events = load.answers.get() - before;
                rate = Math.round(events / ((System.nanoTime() - start) / 1e9));
                load.stopLoop();
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> server.eventLog().backlog() == 0);
            String growth = store.equals("memory") ? "" : String.format(Locale.ROOT, ", file +%.0f MB per million events",
                    (checkpointedSize(server, db) - sizeBefore) / (double) events * 1e6 / 1e6);
            String p500 = paced(port, 500);
            String p5000 = paced(port, 5000);
            return String.format(Locale.ROOT, "%-16s %,8d events/s answered | frame->answer %s | %s%s",
                    store.equals("memory") ? "memory" : "sqlite " + store, rate, p500, p5000, growth);
        }
    }

    private static String paced(int port, int perSecond) throws Exception {
        try (WatchLoadClient load = new WatchLoadClient(port, 200, "82")) {
            Percentiles latencies = new Percentiles("paced");
            load.latencies = latencies;
            load.paced(perSecond, 5);
            long expected = perSecond * 5L;
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> load.answers.get() >= expected);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(load.answers.get() + " of " + expected + " frames answered", e);
            }
            return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms at %,d/s", latencies.percentileMillis(50),
                    latencies.percentileMillis(99), perSecond);
        }
    }

    /**
     * The event log alone, without network or dispatcher: 2,000 terminals, each appending its next
     * heartbeat as soon as the last one is stored (as a gateway's connections do), the appends
     * made from two threads, for {@code SECONDS}.
     */
    private String appendOnly(String store) throws Exception {
        SqliteDatabase db = store.equals("memory") ? null : new SqliteDatabase(dir.resolve("append-" + store + ".db"),
                store.equals("full") ? SqliteDatabase.Sync.FULL : SqliteDatabase.Sync.NORMAL, Clock.systemUTC());
        EventLog log = db == null ? new InMemoryEventLog(10_000_000) : new SqliteEventLog(db, Clock.systemUTC(), 10_000_000);
        java.util.concurrent.ExecutorService gateway = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.atomic.AtomicLong appended = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (int i = 0; i < 2000; i++) {
            String device = String.format(Locale.ROOT, "83%06d", i);
            gateway.execute(new Runnable() {
                private long n;

                @Override
                public void run() {
                    if (!running.get()) {
                        return;
                    }
                    DeviceEvent beat = new Heartbeat(device, Protocol.WATCH, Instant.now(), Optional.empty(), device + ":" + n++,
                            OptionalInt.of(80), OptionalInt.empty());
                    log.append(List.of(beat), EventLog.Lane.NORMAL).onComplete(ar -> {
                        appended.incrementAndGet();
                        gateway.execute(this);
                    });
                }
            });
        }
        java.util.concurrent.ScheduledExecutorService consumer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        consumer.scheduleAtFixedRate(() -> log.poll(1_000_000), 10, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
        Thread.sleep(2000); // warm-up: a measurement window, not a wait for a result
        long before = appended.get();
        long commitsBefore = db == null ? 0 : db.commits();
        long start = System.nanoTime();
        Thread.sleep(SECONDS * 1000L); // the measured period
        long events = appended.get() - before;
        long rate = Math.round(events / ((System.nanoTime() - start) / 1e9));
        long commits = db == null ? 0 : db.commits() - commitsBefore;
        running.set(false);
        gateway.shutdown();
        gateway.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        consumer.shutdownNow();
        if (db != null) {
            db.close();
        }
        return String.format(Locale.ROOT, "%-16s %,9d events/s stored by the event log alone, 2,000 terminals%s",
                store.equals("memory") ? "memory" : "sqlite " + store, rate,
                commits == 0 ? "" : String.format(Locale.ROOT, " (%,d events per commit)", events / commits));
    }

    /** Bytes a thousand alerts take, each with a full life: opened, offered, accepted, on scene, resolved. */
    private String alertGrowth() {
        Path file = dir.resolve("alerts.db");
        try (SqliteDatabase db = new SqliteDatabase(file, SqliteDatabase.Sync.NORMAL, Clock.systemUTC())) {
            SqliteAlertStore store = new SqliteAlertStore(db, Clock.systemUTC(), Duration.ofDays(7));
            long before = size(db);
            Instant t = Instant.parse("2026-11-30T08:00:00Z");
            List<io.vertx.core.Future<Void>> saves = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                for (Alert version : life("A" + (i + 1), t.plusSeconds(i))) {
                    saves.add(store.save(version));
                }
            }
            io.vertx.core.Future.all(saves).toCompletionStage().toCompletableFuture().join();
            return String.format(Locale.ROOT, "alerts           %.0f kB per thousand alerts with a full history",
                    (size(db) - before) / 1024.0);
        }
    }

    private static List<Alert> life(String id, Instant at) {
        Alert opened = new Alert(id, 1, AlertState.NEW, Priority.P1, AlarmKind.SOS, "R00042", "863500000000042", Protocol.GT06,
                "GT06:info=0x20", new AlertPosition(30.2833, 120.1869, "GPS", at), 1, at, at, AlertFlags.NONE,
                new AlertTiming(null, at.plusSeconds(60), at.plusSeconds(900), null),
                List.of(new HistoryEntry(at, "system", "opened", AlertState.NEW, null)), List.of());
        Offer offer = new Offer("O" + id.substring(1), id, "P011", OfferState.PENDING, at, at.plusSeconds(30), 1228, null);
        Alert offered = opened.edit().state(AlertState.DISPATCHED).offer(offer).history(new HistoryEntry(at.plusMillis(5), "system",
                "dispatched", AlertState.DISPATCHED, "offered to Emergency Response Team 11 (P011), 1.2 km away")).build();
        Alert accepted = offered.edit().state(AlertState.ACCEPTED).replaceOffer(offer.answered(OfferState.ACCEPTED, at.plusSeconds(2)))
                .history(new HistoryEntry(at.plusSeconds(2), "provider:P011", "accepted", AlertState.ACCEPTED, "accepted offer O1"))
                .build();
        Alert acknowledged = accepted.edit().timing(accepted.timing().acknowledged(at.plusSeconds(20)))
                .history(new HistoryEntry(at.plusSeconds(20), "operator:night-shift", "acknowledged", AlertState.ACCEPTED, null))
                .history(new HistoryEntry(at.plusSeconds(25), "operator:night-shift", "note", AlertState.ACCEPTED,
                        "called the son, no answer")).build();
        Alert onScene = acknowledged.edit().state(AlertState.ON_SCENE).history(new HistoryEntry(at.plusSeconds(400),
                "provider:P011", "on_scene", AlertState.ON_SCENE, "reported at 30.283342, 120.186984, 12 m from the resident")).build();
        Alert resolved = onScene.edit().state(AlertState.RESOLVED)
                .timing(new AlertTiming(at.plusSeconds(20), at.plusSeconds(60), at.plusSeconds(900), at.plusSeconds(1500)))
                .history(new HistoryEntry(at.plusSeconds(1500), "provider:P011", "resolved", AlertState.RESOLVED, "fall, no injury"))
                .build();
        return List.of(opened, offered, accepted, acknowledged, onScene, resolved);
    }

    /** The database's size as SQLite counts it (pages in use, including those still in the write-ahead log). */
    private static long checkpointedSize(OneKeyServer server, Path db) {
        return server.storeDatabase().map(StoreBenchmark::size).orElse(0L);
    }

    private static long size(SqliteDatabase db) {
        return db.write(c -> {
            try (var s = c.createStatement();
                 var count = s.executeQuery("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) {
                count.next();
                return count.getLong(1);
            }
        }).toCompletionStage().toCompletableFuture().join();
    }
}
