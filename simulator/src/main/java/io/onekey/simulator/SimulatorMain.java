package io.onekey.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.onekey.simulator.care.CareDriver;
import io.onekey.simulator.provider.VirtualProviders;
import io.onekey.simulator.terminal.TerminalFleet;
import io.onekey.simulator.town.Town;
import io.onekey.simulator.town.TownGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onekey-simulator}: generates a town and drives its terminals and providers against a server. */
@Command(name = "onekey-simulator", mixinStandardHelpOptions = true, version = "OneKey 0.1.0",
        description = "Simulated terminals and providers speaking the real protocols.",
        subcommands = {SimulatorMain.TownCommand.class, SimulatorMain.DriveCommand.class})
public final class SimulatorMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }

    @Command(name = "town", mixinStandardHelpOptions = true,
            description = "Writes a reproducible town (residents, devices, providers) as a directory file.")
    static final class TownCommand implements Callable<Integer> {
        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--residents", defaultValue = "200", description = "Residents, one terminal each (default ${DEFAULT-VALUE}).")
        int residents;
        @Option(names = "--providers", defaultValue = "12", description = "Service providers (default ${DEFAULT-VALUE}).")
        int providers;
        @Option(names = "--heartbeat", defaultValue = "30", description = "Terminal heartbeat interval, seconds (default ${DEFAULT-VALUE}).")
        int heartbeatSeconds;
        @Option(names = "--lat", defaultValue = "30.2741", description = "Town centre latitude.")
        double lat;
        @Option(names = "--lon", defaultValue = "120.1551", description = "Town centre longitude.")
        double lon;
        @Option(names = "--radius-km", defaultValue = "5", description = "Town radius in km (default ${DEFAULT-VALUE}).")
        double radiusKm;
        @Option(names = "--out", required = true, description = "File to write (JSON).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Town town = new TownGenerator(seed, new Town.Point(lat, lon), radiusKm).generate(residents, providers, heartbeatSeconds);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), town);
            System.out.printf("town written to %s: %d residents, %d devices, %d providers (seed %d)%n",
                    out, town.residents().size(), town.devices().size(), town.providers().size(), seed);
            return 0;
        }
    }

    @Command(name = "drive", mixinStandardHelpOptions = true,
            description = "Connects the town's terminals and providers to a running server and presses SOS now and then.")
    static final class DriveCommand implements Callable<Integer> {
        @Option(names = "--town", required = true, description = "Town file written by 'town'.")
        Path townFile;
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default ${DEFAULT-VALUE}).")
        String host;
        @Option(names = "--dc09-port", defaultValue = "7100", description = "SIA DC-09 port (default ${DEFAULT-VALUE}).")
        int dc09Port;
        @Option(names = "--watch-port", defaultValue = "7101", description = "Watch protocol port (default ${DEFAULT-VALUE}).")
        int watchPort;
        @Option(names = "--gt06-port", defaultValue = "7102", description = "GT06 port (default ${DEFAULT-VALUE}).")
        int gt06Port;
        @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
        int httpPort;
        @Option(names = "--admin-token", description = "Admin token, to give each virtual provider its own token; "
                + "default: env ONEKEY_ADMIN_TOKEN. Without one, no providers connect.")
        String adminToken;
        @Option(names = "--sos-every", defaultValue = "10", description = "Seconds between SOS presses (default ${DEFAULT-VALUE}; 0: none).")
        int sosEverySeconds;
        @Option(names = "--first-sos-after", defaultValue = "5", description = "Seconds before the first SOS (default ${DEFAULT-VALUE}).")
        int firstSosAfterSeconds;
        @Option(names = "--crews-wait-for-operator", defaultValue = "0", paramLabel = "SHARE",
                description = "Share of jobs (0 to 1) on which a virtual crew waits for an operator to acknowledge the alert"
                        + " before setting off (default ${DEFAULT-VALUE}: never).")
        double crewsWaitForOperator;
        @Option(names = "--heartbeat", description = "Override the heartbeat interval, seconds.")
        Integer heartbeatSeconds;
        @Option(names = "--seed", defaultValue = "7", description = "Random seed for presses (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--care-every", defaultValue = "0", paramLabel = "SECONDS",
                description = "Seconds between everyday service requests (meals, help at home, personal care), filed as an "
                        + "operator taking phone calls; also gives the first resident a care team, a daily caring call and a "
                        + "weekly visit (default ${DEFAULT-VALUE}: none; needs the admin token).")
        int careEverySeconds;
        @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds (default: run until stopped).")
        int durationSeconds;

        @Override
        public Integer call() throws Exception {
            Town town = new ObjectMapper().readValue(townFile.toFile(), Town.class);
            int heartbeat = heartbeatSeconds != null ? heartbeatSeconds
                    : town.devices().stream().mapToInt(Town.Device::heartbeatIntervalSeconds).min().orElse(30);
            String token = adminToken != null ? adminToken : System.getenv("ONEKEY_ADMIN_TOKEN");
            VirtualProviders providers = new VirtualProviders("http://" + host + ":" + httpPort, token, System.out,
                    crewsWaitForOperator);
            CareDriver care = new CareDriver("http://" + host + ":" + httpPort, token, town, seed, System.out);
            if (token != null && !token.isBlank()) {
                providers.connectAll(town);
                System.out.printf("simulator: %d providers connected to the live feed%n", town.providers().size());
                if (careEverySeconds > 0) {
                    care.start(Duration.ofSeconds(careEverySeconds));
                }
            } else {
                System.out.println("simulator: no admin token given; providers are not connected");
            }
            TerminalFleet fleet = new TerminalFleet(host, Map.of("DC09", dc09Port, "WATCH", watchPort, "GT06", gt06Port),
                    town, Duration.ofSeconds(heartbeat), seed, System.out);
            fleet.start();
            Map<String, Long> byProtocol = town.devices().stream()
                    .collect(Collectors.groupingBy(Town.Device::protocol, TreeMap::new, Collectors.counting()));
            System.out.printf("simulator: %d terminals connecting to %s (%s), heartbeat every %d s, SOS every %d s%n",
                    town.devices().size(), host, byProtocol, heartbeat, sosEverySeconds);
            ScheduledExecutorService presses = Executors.newSingleThreadScheduledExecutor();
            if (sosEverySeconds > 0) {
                presses.scheduleAtFixedRate(fleet::pressSos, firstSosAfterSeconds, sosEverySeconds, TimeUnit.SECONDS);
            }
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                presses.shutdownNow();
                care.close();
                fleet.close();
                providers.close();
                done.countDown();
            }, "simulator-shutdown"));
            if (durationSeconds > 0) {
                done.await(durationSeconds, TimeUnit.SECONDS);
                System.out.printf("simulator: done: %d frames sent, %d answers, %d SOS, %d offers seen%n",
                        fleet.framesSent(), fleet.answersReceived(), fleet.sosSent(), providers.offersReceived());
                return 0;
            }
            done.await();
            return 0;
        }
    }
}
