package io.onekey.bench;

import io.onekey.bench.ScaleNodes.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server of the benchmark, in a process of its own under the highest open-file limit: OneKey
 * (the packaged server jar) on one store, or the bare Netty baseline ({@link BareNettyServer}).
 * Every one listens on its own ports; the load generators are pointed at them in turn.
 */
final class ServerUnderTest {

    static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What runs: {@code store} null for the baseline; {@code sync} only for SQLite. */
    record Setup(String name, String store, String sync) {
        boolean baseline() {
            return store == null;
        }

        String describe() {
            return baseline() ? "bare Netty, same framing, answers only"
                    : store.equals("sqlite") ? "OneKey, embedded SQLite, sync " + sync
                    : store.equals("redis") ? "OneKey, Redis (appendfsync everysec)" : "OneKey, " + store;
        }
    }

    final Setup setup;
    final Process process;
    final int httpPort;
    final int watchPort;
    final int gt06Port;
    final int dc09Port;

    private ServerUnderTest(Setup setup, Process process, int[] ports) {
        this.setup = setup;
        this.process = process;
        this.httpPort = ports[0];
        this.watchPort = ports[1];
        this.gt06Port = ports[2];
        this.dc09Port = ports[3];
    }

    /**
     * Starts the server; {@code redisUrl} for a Redis store, {@code dir} for a SQLite file; the
     * directory file names every terminal. Its output goes to {@code logs/NAME.log}.
     */
    static ServerUnderTest start(Setup setup, BenchPlan.Machine m, Path directory, String redisUrl, Path dir) throws IOException {
        int[] ports = {freePort(), freePort(), freePort(), freePort()};
        List<String> command = new ArrayList<>(List.of(m.java(), "-Xmx" + m.serverHeap(), "-XX:+UseG1GC"));
        ProcessBuilder builder = new ProcessBuilder();
        if (setup.baseline()) {
            command.addAll(List.of("-cp", m.classpath(), BareNettyServer.class.getName(), "127.0.0.1",
                    Integer.toString(ports[1]), Integer.toString(ports[2]), Integer.toString(ports[3])));
        } else {
            command.addAll(List.of("-jar", m.serverJar()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("ONEKEY_"));
            env.putAll(Map.of("ONEKEY_HTTP_HOST", "127.0.0.1", "ONEKEY_HTTP_PORT", Integer.toString(ports[0]),
                    "ONEKEY_GATEWAY_HOST", "127.0.0.1", "ONEKEY_GATEWAY_WATCH_PORT", Integer.toString(ports[1]),
                    "ONEKEY_GATEWAY_GT06_PORT", Integer.toString(ports[2]), "ONEKEY_GATEWAY_DC09_PORT", Integer.toString(ports[3]),
                    "ONEKEY_ADMIN_TOKEN", ADMIN_TOKEN, "ONEKEY_DIRECTORY_FILE", directory.toString(),
                    "ONEKEY_GATEWAY_MAX_CONNECTIONS", "0", "ONEKEY_GATEWAY_MAX_CONNECTIONS_PER_ADDRESS", "1000000"));
            // Terminals outside the directory (the position fleet) are let in; alerts stay open and offers pending for the run.
            env.putAll(Map.of("ONEKEY_ACCEPT_UNKNOWN_DEVICES", "true", "ONEKEY_DISPATCH_OFFER_TIMEOUT", "10m",
                    "ONEKEY_DISPATCH_ACK_DEADLINE_P1", "1h", "ONEKEY_STORE", setup.store()));
            if (setup.store().equals("sqlite")) {
                env.put("ONEKEY_STORE_PATH", dir.resolve(setup.name() + ".db").toString());
                env.put("ONEKEY_STORE_SYNC", setup.sync());
            } else if (setup.store().equals("redis")) {
                env.put("ONEKEY_REDIS_URL", redisUrl);
                env.put("ONEKEY_STORE_REDIS_NAMESPACE", "bench-" + ProcessHandle.current().pid());
            }
        }
        Path log = m.out().resolve("logs").resolve(setup.name() + ".log");
        Process p = builder.command(TerminalProcess.underHighestFileLimit(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ServerUnderTest(setup, p, ports);
    }

    /** Waits until the server answers: its readiness probe, or the baseline's watch port. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(setup.name() + " exited at start; see logs/" + setup.name() + ".log");
            }
            if (setup.baseline() ? accepts(watchPort) : ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(setup.name() + " not ready after " + timeout.toSeconds() + " s");
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The gateways for terminals of these protocols, in this order: {@code PROTOCOL@127.0.0.1:port,…}. */
    String gateways(List<String> protocols) {
        List<String> targets = new ArrayList<>();
        for (String p : protocols) {
            int port = switch (p) {
                case "WATCH" -> watchPort;
                case "GT06" -> gt06Port;
                case "DC09" -> dc09Port;
                default -> throw new IllegalArgumentException(p);
            };
            targets.add(p + "@127.0.0.1:" + port);
        }
        return String.join(",", targets);
    }

    Node node() {
        return new Node(setup.baseline() ? "baseline" : "gateway", process.pid(), httpPort);
    }

    /** The bytes of every live object after a full collection. */
    long liveHeap() {
        return ScaleNodes.liveObjectBytes(process.pid());
    }

    /** Starts a flight recording named for the step (execution samples every 20 ms: the JDK's default settings). */
    void startRecording(String step) {
        if (!setup.baseline()) {
            jcmd("JFR.start", "name=" + step, "settings=default");
        }
    }

    /** Stops the step's recording into {@code file}; null for the baseline, which is not recorded. */
    Path stopRecording(String step, Path file) {
        if (setup.baseline()) {
            return null;
        }
        jcmd("JFR.stop", "name=" + step, "filename=" + file.toAbsolutePath());
        return file;
    }

    /** The classes holding the most live heap ({@code jcmd GC.class_histogram}), the header and {@code top} rows. */
    List<String> classHistogram(int top) {
        List<String> lines = jcmd("GC.class_histogram").lines().filter(l -> l.trim().matches("^(num|-+|\\d+:\\s).*")).toList();
        return lines.subList(0, Math.min(lines.size(), top + 2));
    }

    private String jcmd(String... args) {
        try {
            return Jcmd.run(process.pid(), args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
