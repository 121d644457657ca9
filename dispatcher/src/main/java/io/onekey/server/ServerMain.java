package io.onekey.server;

import io.onekey.device.gateway.GatewayServer;
import io.onekey.dispatcher.error.ConfigException;
import io.onekey.server.config.OneKeyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onekey-server}: runs gateway, dispatcher, API and metrics in one process. */
@Command(name = "onekey-server", mixinStandardHelpOptions = true, version = "OneKey 0.1.0",
        description = "Runs the OneKey alarm-receiving and dispatch server.")
public final class ServerMain implements Callable<Integer> {

    @Option(names = "--config", description = "Configuration file (YAML or JSON); environment variables ONEKEY_* override it.")
    Path configFile;

    @Option(names = "--directory", description = "Residents, devices and providers to load (JSON or YAML).")
    Path directoryFile;

    @Option(names = "--http-port", description = "HTTP port (default 8080).")
    Integer httpPort;

    @Option(names = "--dc09-port", description = "SIA DC-09 TCP and UDP port (default 7100).")
    Integer dc09Port;

    @Option(names = "--watch-port", description = "Watch protocol TCP port (default 7101).")
    Integer watchPort;

    @Option(names = "--gt06-port", description = "GT06 TCP port (default 7102).")
    Integer gt06Port;

    @Option(names = "--store", paramLabel = "FILE", description = "The embedded store's database file (default data/onekey.db).")
    Path storeFile;

    @Option(names = "--role", paramLabel = "ROLE", description = "What this process runs: all (default), gateway, dispatcher or api."
            + " Parts other than all need the shared store (--redis).")
    String role;

    @Option(names = "--redis", paramLabel = "URL", description = "Use the shared Redis store at this URL (redis://host:port)"
            + " instead of the embedded one; same as ONEKEY_STORE=redis and ONEKEY_REDIS_URL.")
    String redisUrl;

    @Option(names = "--summary-every", paramLabel = "SECONDS", description = "Print a one-line live summary this often (0: never).")
    int summaryEverySeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        OneKeyConfig config;
        try {
            config = OneKeyConfig.load(configFile, System.getenv(), overrides());
        } catch (ConfigException e) {
            System.err.println("onekey: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("onekey: " + e.getMessage());
            return 2;
        }
        for (String name : OneKeyConfig.unknownEnvironmentVariables(System.getenv())) {
            System.err.println("onekey: warning: " + name + " is not a OneKey setting (misspelt?); it is ignored");
        }
        OneKeyServer built = null;
        try {
            built = new OneKeyServer(config, Clock.systemUTC());
            built.start();
        } catch (Exception e) {
            System.err.println("onekey: cannot start: " + startFailure(e, config));
            closeQuietly(built);
            return 1;
        }
        OneKeyServer server = built;
        CountDownLatch stopped = new CountDownLatch(1);
        LiveSummary summary = summaryEverySeconds > 0 ? new LiveSummary(server, System.out).start(summaryEverySeconds) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (summary != null) {
                summary.close();
            }
            server.close();
            System.err.println("onekey: stopped");
            stopped.countDown();
        }, "shutdown"));
        printBanner(server);
        stopped.await();
        return 0;
    }

    /**
     * Why the server could not start, in the operator's terms: a taken HTTP port is named with
     * the ways to choose another (the device ports name themselves); no stack trace.
     */
    static String startFailure(Throwable failure, OneKeyConfig config) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                if (failure instanceof IllegalStateException && failure.getMessage() != null
                        && failure.getMessage().startsWith("cannot listen for")) {
                    break;
                }
                return "HTTP port " + config.http().port() + " on " + config.http().host() + " is in use (" + t.getMessage()
                        + "); stop what uses it, or choose another port with --http-port or ONEKEY_HTTP_PORT";
            }
        }
        Throwable shown = failure;
        while ((shown instanceof java.util.concurrent.ExecutionException || shown.getMessage() == null) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }

    /** What a failed start had opened (ports, the store) is let go; a failure to do so changes nothing for the caller. */
    private static void closeQuietly(OneKeyServer server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (RuntimeException ignored) {
            // the start already failed; its reason is what the operator needs
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        if (directoryFile != null) {
            overrides.put("directory.file", directoryFile.toString());
        }
        if (storeFile != null) {
            overrides.put("store.path", storeFile.toString());
        }
        if (role != null) {
            overrides.put("role", role);
        }
        if (redisUrl != null) {
            overrides.put("store.type", "redis");
            overrides.put("store.redis.url", redisUrl);
        }
        if (httpPort != null) {
            overrides.put("http.port", httpPort.toString());
        }
        if (dc09Port != null) {
            overrides.put("gateway.dc09Port", dc09Port.toString());
        }
        if (watchPort != null) {
            overrides.put("gateway.watchPort", watchPort.toString());
        }
        if (gt06Port != null) {
            overrides.put("gateway.gt06Port", gt06Port.toString());
        }
        return overrides;
    }

    private static void printBanner(OneKeyServer server) {
        String base = "http://localhost:" + server.httpPort();
        System.out.println("OneKey is running.");
        System.out.println("  API and console : " + base + "/");
        System.out.println("  alerts          : " + base + "/api/alerts");
        System.out.println("  metrics         : " + base + "/metrics");
        if (server.port(GatewayServer.Listener.WATCH_TCP) > 0) {
            System.out.println("  SIA DC-09       : tcp and udp port " + server.port(GatewayServer.Listener.DC09_TCP));
            System.out.println("  watch protocol  : tcp port " + server.port(GatewayServer.Listener.WATCH_TCP));
            System.out.println("  GT06            : tcp port " + server.port(GatewayServer.Listener.GT06_TCP));
        } else {
            System.out.println("  devices         : no gateway on this node (role " + server.role() + ")");
        }
        server.generatedAdminToken().ifPresentOrElse(
                token -> System.out.println("  admin token     : " + token + "   (generated; set ONEKEY_ADMIN_TOKEN to choose one)"),
                () -> System.out.println("  admin token     : the value of ONEKEY_ADMIN_TOKEN"));
        System.out.println("  store           : " + server.storeDescription());
        System.out.println("  devices         : " + server.deviceCount() + " registered");
        if (server.deviceCount() == 0) {
            System.out.println("  WARNING         : no devices are registered (no directory file given: --directory or"
                    + " directory.file), so every terminal is refused unless ONEKEY_ACCEPT_UNKNOWN_DEVICES=true");
        }
        System.out.flush();
    }
}
