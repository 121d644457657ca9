package io.onekey.server;

import io.onekey.monitoring.MetricNames;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.onekey.device.protocol.watch.WatchFrames;

import io.onekey.dispatcher.store.sqlite.SqliteDatabase;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Optional;
import java.util.Map;
import io.onekey.testing.WatchReplies;
import org.junit.jupiter.api.Test;

/**
 * A store that cannot write is loud: the device is not answered (it will retransmit),
 * {@code /health/ready} fails and says why, and once the store writes again the
 * retransmission is answered and the alarm becomes its one alert.
 */
class StoreFailureTest {

    private static final String DEVICE = "8800000077";
    private static final String SOS = WatchFrames.format("SG", DEVICE, Optional.empty(),
            "AL,301126,101500,A,22.571707,N,113.861396,E,0.1,0.0,100,7,60,90,1000,50,00010000,0,0,0");

    @Test
    void aFullStoreLeavesTheDeviceUnansweredFailsReadinessAndRecovers() throws Exception {
        try (RunningServer running = RunningServer.start(Map.of("acceptUnknownDevices", "true"));
             Socket terminal = new Socket("127.0.0.1", running.server.port(io.onekey.device.gateway.GatewayServer.Listener.WATCH_TCP))) {
            terminal.setSoTimeout(10_000);
            InputStream in = terminal.getInputStream();
            send(terminal, "[SG*" + DEVICE + "*0002*LK]");
            assertEquals("[SG*" + DEVICE + "*0002*LK]", WatchReplies.read(in));

            SqliteDatabase db = running.server.storeDatabase().orElseThrow();
            readOnly(db, true);
            send(terminal, SOS);
            Counter failures = running.server.registry().find(MetricNames.GATEWAY_HANDOFF_FAILURES).counter();
            await().until(() -> failures != null && failures.count() >= 1);
            assertEquals(0, in.available(), "no answer: the terminal keeps the alarm and retransmits");
            HttpResponse<String> ready = TestClients.get(running.http("/health/ready"), null);
            assertEquals(503, ready.statusCode());
            assertTrue(new JsonObject(ready.body()).getString("reason").contains("cannot write"), ready.body());

            readOnly(db, false);
            await().until(() -> TestClients.get(running.http("/health/ready"), null).statusCode() == 200);
            send(terminal, SOS);
            assertTrue(WatchReplies.read(in).endsWith("*AL]"), "the retransmission is answered");
            await().until(() -> running.server.openAlerts() == 1);
        }
    }

    /** The store's connection made read-only, as a read-only data directory would make it. */
    private static void readOnly(SqliteDatabase db, boolean readOnly) throws Exception {
        try {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA query_only = " + (readOnly ? "ON" : "OFF"));
                }
                return null;
            }).toCompletionStage().toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            // A write queued with the pragma (the heartbeat's device state) fails after it in the
            // same batch, and fails the batch; the pragma is the connection's and holds all the same.
            if (!readOnly || !(e.getCause() instanceof io.onekey.dispatcher.store.sqlite.StoreUnavailableException)) {
                throw e;
            }
        }
    }

    private static void send(Socket socket, String frame) throws Exception {
        socket.getOutputStream().write(frame.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

}
