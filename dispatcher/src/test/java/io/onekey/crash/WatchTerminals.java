package io.onekey.crash;

import io.onekey.device.protocol.watch.WatchFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watch terminals, each pressing SOS once, as real ones do: a press is sent until it is
 * answered, and a press whose answer never came (the server died) is sent again, the same
 * bytes, once the server is back.
 */
final class WatchTerminals {

    private final int port;
    private final Set<Integer> answered;
    private final Queue<Integer> unanswered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile AtomicBoolean running = new AtomicBoolean();

    WatchTerminals(int port, Set<Integer> answered) {
        this.port = port;
        this.answered = answered;
    }

    static String deviceId(int n) {
        return String.format(Locale.ROOT, "93%08d", n);
    }

    static byte[] sos(int n) {
        int second = n % 86_400;
        String time = String.format(Locale.ROOT, "%02d%02d%02d", second / 3600, second / 60 % 60, second % 60);
        return WatchFrames.format("SG", deviceId(n), Optional.empty(),
                "AL,301126," + time + ",A,22.571707,N,113.861396,E,0.1,0.0,100,7,60,90,1000,50,00010000,0,0,0")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Presses SOS on new terminals from {@code threads} threads, retransmitting unanswered ones first. */
    void start(int threads) {
        AtomicBoolean flag = new AtomicBoolean(true);
        running = flag;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                while (flag.get()) {
                    Integer retry = unanswered.poll();
                    int n = retry != null ? retry : next.getAndIncrement();
                    if (send(n)) {
                        answered.add(n);
                    } else {
                        unanswered.add(n);
                    }
                }
            }, "terminal-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop() {
        running.set(false);
    }

    /** Presses that were never answered; they are sent again by the next {@link #start}. */
    int unansweredCount() {
        return unanswered.size();
    }

    /** One press over a fresh connection; true when the server's answer came back. */
    boolean send(int n) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(sos(n));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                reply.append((char) b);
                if (b == ']') {
                    break;
                }
            }
            return reply.toString().startsWith("[SG*" + deviceId(n)) && reply.toString().endsWith("*AL]");
        } catch (IOException e) {
            return false;
        }
    }
}
