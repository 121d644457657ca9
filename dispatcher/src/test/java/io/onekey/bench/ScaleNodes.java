package io.onekey.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server processes of the scale benchmark, as the script started them, and what they measure about themselves. */
final class ScaleNodes {

    /** One server process: its role, process id and HTTP port. */
    record Node(String role, long pid, int httpPort) {

        static Node parse(String spec) {
            String[] parts = spec.split(":");
            return new Node(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        }

        String name() {
            return role + "@" + httpPort;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private ScaleNodes() {
    }

    /** The sum of every sample of a metric whose line starts with {@code prefix} (name and, if given, labels). */
    static double metric(Node node, String adminToken, String prefix) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * The live heap after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), in
     * bytes: what the process holds, not what it has yet to collect. -1 when jcmd cannot say.
     */
    static long liveHeapBytes(Node node) {
        try {
            Jcmd.run(node.pid(), "GC.run");
            Matcher m = HEAP_USED.matcher(Jcmd.run(node.pid(), "GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The bytes of every live object after a full collection, in one attach: the total of
     * {@code jcmd GC.class_histogram}, which collects first. -1 when jcmd cannot say.
     */
    static long liveObjectBytes(long pid) {
        try {
            Matcher m = HISTOGRAM_TOTAL.matcher(Jcmd.run(pid, "GC.class_histogram"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The process's resident set (heap, metaspace, thread stacks, Netty's direct buffers), in bytes. */
    static long residentBytes(Node node) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(node.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // The process is gone: nothing to report.
        }
        return -1;
    }

    /** CPU time the process has used so far (user and system), in seconds; -1 when it is gone. */
    static double cpuSeconds(Node node) {
        try {
            String stat = Files.readAllLines(Path.of("/proc", Long.toString(node.pid()), "stat")).get(0);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, the 14th and 15th fields of the line, in clock ticks of 1/100 s.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The 1-minute load average of the machine. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readAllLines(Path.of("/proc/loadavg")).get(0).split(" ")[0]);
        } catch (IOException e) {
            return -1;
        }
    }
}
