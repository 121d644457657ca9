package io.onekey.device.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many device connections this process can afford: its open-file limit ({@code ulimit -n}),
 * less a reserve for everything else that needs descriptors (HTTP and WebSocket clients, the
 * store's files, logs, a Redis connection, the JVM's own). Read once at start.
 */
public final class DescriptorBudget {

    /** Descriptors kept for the rest of the process: a fifth of the limit, at least 64, at most 1,000. */
    static int reserveFor(long openFileLimit) {
        return (int) Math.max(64, Math.min(1_000, openFileLimit / 5));
    }

    private DescriptorBudget() {
    }

    /** The process's open-file limit, or -1 when the platform does not say. */
    public static long openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /**
     * The device connections allowed: {@code gateway.maxConnections} when set (0 means as many as
     * the limit allows), refused at start when it does not fit under the limit with the reserve.
     */
    public static int deviceConnections(int configured, long openFileLimit) {
        if (openFileLimit <= 0) {
            return configured > 0 ? configured : 18_000;
        }
        long available = openFileLimit - reserveFor(openFileLimit);
        if (available <= 0) {
            throw new IllegalStateException("this process may open only " + openFileLimit
                    + " files, too few to serve devices; raise the limit (ulimit -n)");
        }
        if (configured > available) {
            throw new IllegalStateException("gateway.maxConnections is " + configured + ", but this process may open only "
                    + openFileLimit + " files and keeps " + reserveFor(openFileLimit) + " of them for HTTP, the store and"
                    + " logs; raise the limit (ulimit -n) or set gateway.maxConnections to " + available + " or less");
        }
        return configured > 0 ? configured : (int) Math.min(Integer.MAX_VALUE, available);
    }
}
