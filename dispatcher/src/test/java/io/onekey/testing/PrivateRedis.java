package io.onekey.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free port, for tests that stop Redis or must not share
 * it. It keeps an append-only file (fsynced every second) in a temporary directory, and is
 * stopped with SIGTERM, on which Redis writes out the file: restarted, it comes back with
 * everything it had acknowledged. Under CI a
 * missing redis-server fails the test; elsewhere the test is skipped with a loud message.
 */
public final class PrivateRedis implements AutoCloseable {

    private final int port = freePort();
    private final Path dir;
    private Process process;

    public PrivateRedis() throws IOException {
        this.dir = Files.createTempDirectory("onekey-redis");
    }

    /** Fails (CI) or skips (elsewhere) unless redis-server can be run here. */
    public static void require() {
        boolean present = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("redis-server is not installed; CI must provide it (.ci/run installs it)");
        }
        if (!present) {
            System.err.println("\n*** SKIPPING: redis-server is not installed (apt-get install redis-server) ***\n");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "redis-server installed");
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public PrivateRedis start() throws IOException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "everysec")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
            }
            return RedisForTests.answers(url());
        });
        return this;
    }

    /** Stops the server the way an operator's restart does (SIGTERM: it finishes its file and exits). */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
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
