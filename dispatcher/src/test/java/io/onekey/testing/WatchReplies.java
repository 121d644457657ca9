package io.onekey.testing;

import java.io.IOException;
import java.io.InputStream;

/** Reads a watch-protocol answer from a terminal's socket: text up to the closing bracket. */
public final class WatchReplies {

    private WatchReplies() {
    }

    /** The next answer, or what came before the connection closed. */
    public static String read(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            reply.append((char) b);
            if (b == ']') {
                break;
            }
        }
        return reply.toString();
    }
}
