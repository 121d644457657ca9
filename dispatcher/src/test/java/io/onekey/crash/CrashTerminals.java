package io.onekey.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.simulator.terminal.Dialect;
import io.onekey.simulator.town.Town;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Terminals of all three protocols, each pressing SOS once, as real ones do: a watch over TCP,
 * a GT06 pendant over TCP (login, then the alarm packet), a DC-09 panel over UDP. A press is
 * sent until it is answered; one whose answer never came (the server died) is sent again, the
 * very same bytes, once the server is back, or to another gateway when there are several (as a
 * terminal configured with a second server address does). The frames come from the simulator's dialects.
 */
final class CrashTerminals {

    private static final String[] PROTOCOLS = {"WATCH", "GT06", "DC09"};

    private final List<ServerProcess> gateways;
    /** How often each press was sent unanswered: the next try goes to the next gateway. */
    private final Map<Integer, Integer> tries = new ConcurrentHashMap<>();
    private final Set<Integer> answered;
    private final Queue<Integer> unanswered = new ConcurrentLinkedQueue<>();
    private final Map<Integer, byte[][]> frames = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Dialect> dialects;
    private volatile AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    CrashTerminals(ServerProcess server, Set<Integer> answered, Random random) {
        this(List.of(server), answered, random);
    }

    CrashTerminals(List<ServerProcess> gateways, Set<Integer> answered, Random random) {
        this.gateways = List.copyOf(gateways);
        this.answered = answered;
        this.dialects = Map.of("WATCH", Dialect.of("WATCH", random), "GT06", Dialect.of("GT06", random),
                "DC09", Dialect.of("DC09", random));
    }

    static String protocol(int n) {
        return PROTOCOLS[n % PROTOCOLS.length];
    }

    /** The terminal's id as alerts name it: a watch id, an IMEI, a DC-09 account. */
    static String deviceId(int n) {
        return switch (protocol(n)) {
            case "WATCH" -> String.format(Locale.ROOT, "93%08d", n);
            case "GT06" -> String.format(Locale.ROOT, "86351%010d", n);
            default -> String.format(Locale.ROOT, "%08d", n);
        };
    }

    /** The press's frames, made once: a retransmission is byte for byte the same. */
    private byte[][] framesOf(int n) {
        return frames.computeIfAbsent(n, k -> {
            Town.Device device = new Town.Device(deviceId(k), protocol(k), "HOME_TERMINAL", null, 60, null);
            Dialect dialect = dialects.get(protocol(k));
            byte[] hello = dialect.hello(device, 1);
            byte[] sos = dialect.sos(device, Instant.now(), 30.27, 120.15, true, k);
            return hello == null ? new byte[][] {sos} : new byte[][] {hello, sos};
        });
    }

    /** Presses SOS on new terminals from {@code threads} threads, sending unanswered presses again first. */
    void start(int threads) {
        AtomicBoolean flag = new AtomicBoolean(true);
        running = flag;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                while (flag.get()) {
                    Integer retry = unanswered.poll();
                    int n = retry != null ? retry : next.getAndIncrement();
                    if (press(n)) {
                        answered.add(n);
                    } else {
                        unanswered.add(n);
                    }
                }
            }, "terminal-" + i);
            thread.setDaemon(true);
            this.threads.add(thread);
            thread.start();
        }
    }

    /** Stops pressing and waits for every press under way to end, answered or not. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        threads.clear();
    }

    /** Sends every unanswered press again, from this thread, until each is answered; presses nothing new. */
    void resendUnanswered() {
        Integer n;
        while ((n = unanswered.poll()) != null) {
            int again = n;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1)).until(() -> press(again));
            answered.add(again);
        }
    }

    int unansweredCount() {
        return unanswered.size();
    }

    /** One press; true when the server's answer to the SOS came back. */
    boolean press(int n) {
        ServerProcess server = gateways.get((n + tries.getOrDefault(n, 0)) % gateways.size());
        try {
            boolean done = switch (protocol(n)) {
                case "DC09" -> overUdp(framesOf(n)[0], server.dc09Port);
                case "GT06" -> overTcp(framesOf(n), server.gt06Port, CrashTerminals::gt06Answered);
                default -> overTcp(framesOf(n), server.watchPort, CrashTerminals::watchAnswered);
            };
            if (!done) {
                tries.merge(n, 1, Integer::sum);
            }
            return done;
        } catch (IOException e) {
            tries.merge(n, 1, Integer::sum);
            return false;
        }
    }

    /** Reads the answer to one frame; true when it is the answer to that frame. */
    @FunctionalInterface
    private interface AnswerReader {
        boolean answered(InputStream in, byte[] sent) throws IOException;
    }

    private static boolean overTcp(byte[][] sends, int port, AnswerReader reader) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (byte[] frame : sends) {
                out.write(frame);
                out.flush();
                if (!reader.answered(in, frame)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A watch answer is text up to its closing bracket, and names the frame's command. */
    private static boolean watchAnswered(InputStream in, byte[] sent) throws IOException {
        StringBuilder answer = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            answer.append((char) b);
            if (b == ']') {
                String frame = new String(sent, StandardCharsets.ISO_8859_1);
                String command = frame.substring(frame.lastIndexOf('*') + 1, frame.lastIndexOf('*') + 3);
                return answer.toString().contains("*" + command);
            }
        }
        return false;
    }

    /**
     * A GT06 answer is binary, framed by its length byte (a 0x0A may occur inside it): start
     * 78 78, length, protocol number and the rest, then 0D 0A. It must answer the frame's protocol.
     */
    private static boolean gt06Answered(InputStream in, byte[] sent) throws IOException {
        byte[] head = in.readNBytes(3);
        if (head.length < 3 || head[0] != 0x78 || head[1] != 0x78) {
            return false;
        }
        byte[] rest = in.readNBytes((head[2] & 0xFF) + 2);
        return rest.length == (head[2] & 0xFF) + 2 && rest[0] == sent[3];
    }

    private static boolean overUdp(byte[] message, int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[512];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return new String(buffer, 0, reply.getLength(), StandardCharsets.ISO_8859_1).contains("\"ACK\"");
        }
    }

    /** Reads a node's alerts; the read may fail while the node starts. */
    @FunctionalInterface
    interface AlertReader {
        List<JsonObject> read() throws Exception;
    }

    /**
     * Waits for one read of the alerts that holds an alert for every answered press, and returns
     * that read. Waiting for a count is not enough: a paged read can list an alert twice, or miss
     * one, that moves while it is read.
     */
    static List<JsonObject> awaitEachAnsweredPress(AlertReader alerts, Set<Integer> answered, java.time.Duration atMost) {
        Set<String> expected = new java.util.HashSet<>();
        answered.forEach(n -> expected.add(deviceId(n)));
        java.util.concurrent.atomic.AtomicReference<List<JsonObject>> complete = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<List<JsonObject>> last = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        try {
            org.awaitility.Awaitility.await().atMost(atMost).pollInterval(java.time.Duration.ofMillis(250)).until(() -> {
                List<JsonObject> read = alerts.read();
                last.set(read);
                Set<String> seen = new java.util.HashSet<>();
                read.forEach(a -> seen.add(a.getString("deviceId")));
                if (seen.containsAll(expected)) {
                    complete.set(read);
                    return true;
                }
                return false;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> seen = new java.util.HashSet<>();
            last.get().forEach(a -> seen.add(a.getString("deviceId")));
            throw new AssertionError(expected.size() + " presses answered, " + last.get().size() + " alerts listed; no alert for "
                    + expected.stream().filter(d -> !seen.contains(d)).sorted().toList(), e);
        }
        return complete.get();
    }

    /**
     * Every press a terminal saw answered is exactly one alert with press count 1, and there is
     * no alert for a press never made; {@code alsoCheck} adds a test's own checks of each alert.
     */
    static void assertEachAnsweredPressIsOneAlert(List<JsonObject> alerts, Set<Integer> answered,
                                                  Consumer<JsonObject> alsoCheck) {
        Map<String, Integer> alertsPerDevice = new TreeMap<>();
        for (JsonObject alert : alerts) {
            alertsPerDevice.merge(alert.getString("deviceId"), 1, Integer::sum);
            assertEquals(1, alert.getInteger("pressCount"),
                    () -> "a retransmission counted as a press: " + alert);
            alsoCheck.accept(alert);
        }
        for (int n : answered) {
            assertEquals(1, alertsPerDevice.getOrDefault(deviceId(n), 0),
                    "terminal " + deviceId(n) + " was answered; it must have exactly one alert");
        }
        assertEquals(answered.size(), alertsPerDevice.size(),
                "no alert for a press that was never made");
    }
}
