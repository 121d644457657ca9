package io.onekey.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.onekey.testing.WatchReplies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose process may open only 600 files: a flood of silent connections takes the
 * device budget (the limit less a reserve) and no more, so health checks still answer and a
 * terminal connected before the flood still gets its SOS answered; and a configured cap that
 * cannot fit under the limit stops the server at start, saying which setting.
 */
class DescriptorLimitIT {

    private static final int FILE_LIMIT = 600;

    @TempDir
    Path dir;

    @Test
    void aConnectionFloodNeverStarvesHealthChecksOrConnectedTerminals() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try (ServerProcess server = new ServerProcess(dir).withFileLimit(FILE_LIMIT).start();
             Socket terminal = new Socket("127.0.0.1", server.watchPort)) {
            terminal.setSoTimeout(10_000);
            send(terminal, "[SG*9900000001*0002*LK]");
            assertEquals("[SG*9900000001*0002*LK]", WatchReplies.read(terminal.getInputStream()));

            for (int i = 0; i < 700; i++) {
                flood.add(new Socket("127.0.0.1", i % 2 == 0 ? server.watchPort : server.gt06Port));
            }
            // The budget is 600 less a reserve of 120: 480 device connections, one of them the terminal's.
            await().atMost(Duration.ofSeconds(60)).until(() -> sum(server, "onekey_gateway_connections_rejected_total") >= 700 - 479);
            assertTrue(sum(server, "onekey_gateway_connections_open") <= 480, "never more than the budget");
            assertEquals(200, server.get("/health/ready", ServerProcess.ADMIN_TOKEN).statusCode(), "health checks still answer");
            String sos = io.onekey.device.protocol.watch.WatchFrames.format("SG", "9900000001", java.util.Optional.empty(),
                    "AL,301126,101500,A,22.571707,N,113.861396,E,0.1,0.0,100,7,60,90,1000,50,00010000,0,0,0");
            send(terminal, sos);
            assertTrue(WatchReplies.read(terminal.getInputStream()).endsWith("*AL]"), "the connected terminal's SOS is answered");
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    @Test
    void aConfiguredCapThatCannotFitStopsTheServerNamingTheSetting() throws Exception {
        try (ServerProcess server = new ServerProcess(dir).withFileLimit(FILE_LIMIT)
                .withEnvironment("ONEKEY_GATEWAY_MAX_CONNECTIONS", "5000")) {
            String output = server.startExpectingRefusal();
            assertNotEquals(0, server.exitValue());
            assertTrue(output.contains("gateway.maxConnections") && output.contains("ulimit -n"), output);
        }
    }

    /** The sum of a metric's samples over all its labels, from /metrics. */
    private static double sum(ServerProcess server, String metric) throws Exception {
        double total = 0;
        for (String line : server.get("/metrics", ServerProcess.ADMIN_TOKEN).body().split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static void send(Socket socket, String frame) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(frame.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

}
