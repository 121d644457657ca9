package io.onekey.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One load-generator process ({@link ScaleTerminals}), spoken to over its standard input and output. */
final class TerminalProcess {
    final int index;
    final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    volatile String connectedLine;

    TerminalProcess(int index, List<String> command, Path out) throws IOException {
        this.index = index;
        this.process = new ProcessBuilder(command)
                .redirectError(out.resolve("logs").resolve("terminals-" + index + ".log").toFile()).start();
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended: the benchmark notices when it stops answering.
            }
        }, "terminals-" + index);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A load generator ({@link ScaleTerminals}) for terminals {@code first … first+count-1}, under
     * the highest open-file limit the machine allows a process.
     */
    static TerminalProcess start(int index, String java, String classpath, String heap, String gateways, int first, int count,
                                 int perSource, int heartbeatSeconds, Path out) throws IOException {
        return new TerminalProcess(index, underHighestFileLimit(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", classpath,
                ScaleTerminals.class.getName(), gateways, Integer.toString(first), Integer.toString(count),
                Integer.toString(perSource), Integer.toString(heartbeatSeconds))), out);
    }

    /** The command run with its open-file limit raised to the hard limit ({@code ulimit -n "$(ulimit -Hn)"}). */
    static List<String> underHighestFileLimit(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "ulimit -n \"$(ulimit -Hn)\" && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Waits up to {@code seconds} for the generator to say it has connected all its terminals. */
    boolean awaitConnected(int seconds) throws InterruptedException {
        if (connectedLine == null && poll("connected", seconds) == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException("load generator " + index + " exited; see its log");
            }
            return false;
        }
        return true;
    }

    void send(String command) {
        in.println(command);
    }

    /** The next line starting with {@code prefix}, waiting up to {@code seconds}; other lines are kept. */
    String poll(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> other = new ArrayList<>();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    return null;
                }
                if (line.startsWith(prefix)) {
                    if (prefix.equals("connected")) {
                        connectedLine = line;
                    }
                    return line;
                }
                other.add(line);
            }
        } finally {
            lines.addAll(other);
        }
    }

    /** The generator's counters ({@code connected}, {@code lkAnswered}, {@code positionAnswered}, …), as it reports them. */
    Map<String, Long> stats() throws InterruptedException {
        send("stats");
        String line = poll("stats", 30);
        if (line == null) {
            throw new IllegalStateException("load generator " + index + " does not answer; see its log");
        }
        Map<String, Long> counters = new HashMap<>();
        for (String field : line.substring("stats ".length()).split(" ")) {
            int eq = field.indexOf('=');
            counters.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
        }
        return counters;
    }

    /** This process's presses: terminal, intended, sent, answered (µs since the epoch; 0: not answered). */
    List<long[]> presses() throws InterruptedException {
        send("presses");
        List<long[]> presses = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null || line.startsWith("stats") || line.startsWith("connected") || line.startsWith("pressed")) {
                continue;
            }
            if (line.equals("end")) {
                return presses;
            }
            String[] f = line.split(" ");
            presses.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])});
        }
        throw new IllegalStateException("load generator " + index + " did not list its presses");
    }

    /** Tells the generator to quit, without waiting for it: {@link #stop()} then waits. */
    void quit() {
        in.println("quit");
        in.close();
    }

    void stop() {
        quit();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
