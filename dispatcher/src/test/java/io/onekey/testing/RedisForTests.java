package io.onekey.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Redis the tests share ({@code ONEKEY_TEST_REDIS_URL}, default 127.0.0.1:6379, which
 * {@code .ci/run} makes sure of). Under CI a missing Redis fails the test; elsewhere the test is
 * skipped with a loud message. Each test works in a namespace of its own and removes it after.
 */
public final class RedisForTests {

    public static final String URL = System.getenv().getOrDefault("ONEKEY_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private RedisForTests() {
    }

    /** Fails (under CI) or skips (elsewhere) unless the shared Redis answers. */
    public static void require() {
        boolean answers = answers(URL);
        if (!answers && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("Redis does not answer at " + URL + "; CI must provide it (.ci/run starts one)");
        }
        if (!answers) {
            System.err.println("\n*** SKIPPING Redis tests: no Redis answers at " + URL
                    + " (start one, or set ONEKEY_TEST_REDIS_URL) ***\n");
        }
        assumeTrue(answers, "Redis at " + URL);
    }

    /** A namespace no other test uses. */
    public static String freshNamespace() {
        return "test-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Deletes every key of the namespace. */
    public static void drop(String namespace) {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches("*" + namespace + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    /** PING over a plain socket: true if a Redis answers there. */
    public static boolean answers(String url) {
        var uri = io.lettuce.core.RedisURI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[5];
            int n = in.read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
