package io.onekey.server;

import io.onekey.device.protocol.watch.WatchFrames;
import io.onekey.device.testing.CapturedFrames;
import io.onekey.testing.WatchReplies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** A watch on a real socket that stays connected: it presses SOS, reads what the server writes, answers. */
final class WatchTerminal implements AutoCloseable {

    static final String ID = "6907919734";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WatchTerminal(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The captured SOS of this watch; returns the server's answer. */
    String sos() throws IOException {
        send(CapturedFrames.watchSos().text());
        return read();
    }

    /** A position report with a valid fix, as a watch sends it after {@code CR}. */
    void position(double lat, double lon) throws IOException {
        send(WatchFrames.format("3G", ID, Optional.empty(), String.format(Locale.ROOT,
                "UD,291126,100005,A,%.6f,N,%.6f,E,0.00,0,0,8,100,88,0,0,00000000,0,0", lat, lon)));
    }

    void send(String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next frame the server writes. */
    String read() throws IOException {
        return WatchReplies.read(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
