package io.onekey.server;

import io.onekey.server.config.OneKeyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A whole server on free loopback ports, for end-to-end tests. */
final class RunningServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    final OneKeyServer server;

    private RunningServer(OneKeyServer server) {
        this.server = server;
    }

    static RunningServer start(Map<String, String> extraSettings) throws Exception {
        return start(extraSettings, Clock.systemUTC());
    }

    /** Builds the server without starting it, so a test can queue events first. */
    static OneKeyServer build(Map<String, String> extraSettings, Clock clock) throws Exception {
        return new OneKeyServer(OneKeyConfig.load(null, Map.of(), settings(extraSettings)), clock);
    }

    static RunningServer start(Map<String, String> extraSettings, Clock clock) throws Exception {
        return new RunningServer(build(extraSettings, clock).start());
    }

    static RunningServer started(OneKeyServer server) throws Exception {
        return new RunningServer(server.start());
    }

    private static Map<String, String> settings(Map<String, String> extraSettings) throws URISyntaxException {
        Map<String, String> settings = new HashMap<>();
        settings.put("http.host", "127.0.0.1");
        settings.put("http.port", "0");
        settings.put("gateway.host", "127.0.0.1");
        settings.put("gateway.dc09Port", "0");
        settings.put("gateway.watchPort", "0");
        settings.put("gateway.gt06Port", "0");
        settings.put("adminToken", ADMIN_TOKEN);
        settings.put("directory.file", resource("test-town.json").toString());
        // The default embedded store, on a database of its own for each server.
        settings.put("store.path", freshStorePath().toString());
        settings.putAll(extraSettings);
        return settings;
    }

    /** A database file in a new temporary directory, removed when the JVM exits. */
    static Path freshStorePath() {
        try {
            Path dir = Files.createTempDirectory("onekey-store");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("onekey.db");
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                dir.resolve("onekey.db" + suffix).toFile().deleteOnExit();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) throws URISyntaxException {
        URL url = RunningServer.class.getResource("/" + name);
        return Path.of(url.toURI());
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.httpPort() + path);
    }

    @Override
    public void close() {
        server.close();
    }
}
