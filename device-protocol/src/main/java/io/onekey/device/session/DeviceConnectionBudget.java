package io.onekey.device.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device connections the whole gateway may hold at once, over all its listeners: each one
 * costs a file descriptor, and the process has a fixed number of those (the HTTP side, the
 * store and the logs need theirs too). Shared by every listener's {@link ConnectionLimitHandler}.
 */
public final class DeviceConnectionBudget {

    private final int limit;
    private final AtomicInteger inUse = new AtomicInteger();

    public DeviceConnectionBudget(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a connection budget must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /** Takes one connection from the budget; false when it is spent. */
    public boolean tryAcquire() {
        while (true) {
            int now = inUse.get();
            if (now >= limit) {
                return false;
            }
            if (inUse.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inUse.decrementAndGet();
    }

    public int limit() {
        return limit;
    }

    public int inUse() {
        return inUse.get();
    }
}
