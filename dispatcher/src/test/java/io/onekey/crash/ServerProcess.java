package io.onekey.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
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
 * The packaged server as a real process, on its own ports and store, that a test can kill
 * ({@code kill -9}) or stop ({@code SIGTERM}) and start again on the same store.
 */
final class ServerProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "crash-test-admin-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int httpPort = freePort();
    final int watchPort = freePort();
    final int dc09Port = freePort();
    final int gt06Port = freePort();
    private final Path store;
    private final Path logs;
    private Process process;
    private int starts;
    private int fileLimit;
    private final Map<String, String> extraEnvironment = new java.util.HashMap<>();

    ServerProcess(Path dir) {
        this.store = dir.resolve("onekey.db");
        this.logs = dir;
    }

    Path store() {
        return store;
    }

    /** Runs the server under {@code ulimit -n limit}, as a host with a low open-file limit would. */
    ServerProcess withFileLimit(int limit) {
        this.fileLimit = limit;
        return this;
    }

    /** A node of an installation on a shared Redis, in the given role, with the given directory file. */
    static ServerProcess onRedis(Path logs, String redisUrl, String role, Path directory) {
        return new ServerProcess(logs)
                .withEnvironment("ONEKEY_STORE", "redis")
                .withEnvironment("ONEKEY_REDIS_URL", redisUrl)
                .withEnvironment("ONEKEY_ROLE", role)
                .withEnvironment("ONEKEY_DIRECTORY_FILE", directory.toString())
                .withEnvironment("ONEKEY_ACCEPT_UNKNOWN_DEVICES", "false");
    }

    ServerProcess withEnvironment(String name, String value) {
        extraEnvironment.put(name, value);
        return this;
    }

    /** Starts the server and waits until it is ready. */
    ServerProcess start() throws IOException {
        start0();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + logs);
            }
            return ready();
        });
        return this;
    }

    private void start0() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("onekey.serverJar", "target/onekey-server.jar");
        ProcessBuilder builder = fileLimit > 0
                ? new ProcessBuilder(List.of("bash", "-c", "ulimit -n " + fileLimit + " && exec \"$0\" -Xmx512m -jar \"$1\"", java, jar))
                : new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar));
        Map<String, String> env = builder.environment();
        env.put("ONEKEY_HTTP_HOST", "127.0.0.1");
        env.put("ONEKEY_HTTP_PORT", Integer.toString(httpPort));
        env.put("ONEKEY_GATEWAY_HOST", "127.0.0.1");
        env.put("ONEKEY_GATEWAY_WATCH_PORT", Integer.toString(watchPort));
        env.put("ONEKEY_GATEWAY_DC09_PORT", Integer.toString(dc09Port));
        env.put("ONEKEY_GATEWAY_GT06_PORT", Integer.toString(gt06Port));
        env.put("ONEKEY_STORE_PATH", store.toString());
        env.put("ONEKEY_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("ONEKEY_ACCEPT_UNKNOWN_DEVICES", "true");
        env.putAll(extraEnvironment);
        builder.redirectErrorStream(true).redirectOutput(logs.resolve("server-" + (++starts) + ".log").toFile());
        process = builder.start();
    }

    /** Starts the server expecting it to refuse to start; returns what it printed. */
    String startExpectingRefusal() throws IOException, InterruptedException {
        start0();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not stop by itself");
        }
        return java.nio.file.Files.readString(logs.resolve("server-" + starts + ".log"));
    }

    int exitValue() {
        return process.exitValue();
    }

    /** True while the process runs. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    /** True when the server answers 200 on /health/ready. */
    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** {@code SIGTERM}: the server's clean stop. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not stop within 60 s of SIGTERM");
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every alert, through the paged list. */
    /**
     * Every alert the node lists, page by page, each once. Pages follow each other by place, so
     * alarms that arrive meanwhile do not shift them, but an alert that moves while the pages are
     * read (it closes, or arrives on the node late) may turn up twice (kept once, by id) or not
     * at all: callers wait for a read that holds everything they expect
     * ({@link CrashTerminals#awaitEachAnsweredPress}).
     */
    List<io.vertx.core.json.JsonObject> alerts() throws IOException, InterruptedException {
        java.util.Map<String, io.vertx.core.json.JsonObject> all = new java.util.LinkedHashMap<>();
        String cursor = null;
        do {
            var page = new io.vertx.core.json.JsonObject(get("/api/alerts?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                    ADMIN_TOKEN).body());
            page.getJsonArray("items").forEach(item -> {
                io.vertx.core.json.JsonObject alert = (io.vertx.core.json.JsonObject) item;
                all.put(alert.getString("id"), alert);
            });
            cursor = page.getString("next");
        } while (cursor != null);
        return new ArrayList<>(all.values());
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
