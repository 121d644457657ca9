package io.onekey.dispatcher.store.redis;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Id numbers shared by every node: each node takes a block of numbers at a time from one Redis
 * counter (INCRBY), and asks for the next block while half of its current one is left, so that
 * handing out a number never waits for Redis. Ids stay short and unique; across nodes they are
 * not in time order.
 */
public final class RedisIds implements LongSupplier {

    private static final Logger log = LoggerFactory.getLogger(RedisIds.class);
    private static final long BLOCK = 1000;

    private final RedisLink link;
    private final String counter;
    private long next;
    private long end;
    private long nextBlockStart = -1;
    private boolean asking;

    /** Takes the first block now (blocking: call at start-up). */
    public RedisIds(RedisLink link, String kind) {
        this.link = link;
        this.counter = link.keys().idCounter(kind);
        try {
            long top = askBlock().toCompletableFuture().get(10, TimeUnit.SECONDS);
            next = top - BLOCK + 1;
            end = top + 1;
        } catch (Exception e) {
            throw new IllegalStateException("cannot reserve ids in Redis: " + e.getMessage(), e);
        }
    }

    private CompletionStage<Long> askBlock() {
        return link.commands().incrby(counter, BLOCK);
    }

    @Override
    public synchronized long getAsLong() {
        if (next >= end) {
            if (nextBlockStart < 0) {
                // Half a block went by before Redis answered once: the store is down or very slow.
                throw new IllegalStateException("no id numbers left: Redis did not answer in time");
            }
            next = nextBlockStart;
            end = nextBlockStart + BLOCK;
            nextBlockStart = -1;
        }
        long number = next++;
        if (end - next < BLOCK / 2 && nextBlockStart < 0 && !asking) {
            asking = true;
            askBlock().whenComplete((top, e) -> {
                synchronized (this) {
                    asking = false;
                    if (e == null) {
                        nextBlockStart = top - BLOCK + 1;
                    } else {
                        log.warn("could not reserve the next ids: {}", e.getMessage());
                    }
                }
            });
        }
        return number;
    }
}
