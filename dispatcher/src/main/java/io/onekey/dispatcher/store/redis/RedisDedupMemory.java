package io.onekey.dispatcher.store.redis;

import io.lettuce.core.SetArgs;
import io.onekey.dispatcher.eventlog.DedupMemory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedup memory on Redis. A key this node knows stored (or is already waiting with) is a
 * retransmission; any other key is new here and waits to be claimed in Redis with its alert's
 * change (see {@link RedisDedupKeys}) — where a key another node stored first makes the change
 * fail as a duplicate. Keys of alarms that changed no alert are stored when their event is done
 * (on the event's own context: see {@link RedisDedupKeys}).
 */
public final class RedisDedupMemory implements DedupMemory {

    private static final Logger log = LoggerFactory.getLogger(RedisDedupMemory.class);
    private static final long LIFETIME_SECONDS = Duration.ofDays(30).toSeconds();

    private final RedisLink link;
    private final RedisDedupKeys keys;

    public RedisDedupMemory(RedisLink link, RedisDedupKeys keys) {
        this.link = link;
        this.keys = keys;
    }

    @Override
    public boolean firstTime(String dedupKey) {
        if (keys.knownStored(dedupKey) || keys.isWaiting(dedupKey)) {
            return false;
        }
        keys.add(dedupKey);
        return true;
    }

    @Override
    public void batchDone() {
        List<String> left = keys.drain();
        keys.stored(left);
        for (String key : left) {
            storeAlone(key).whenComplete((v, e) -> {
                if (e != null) {
                    log.debug("dedup key {} not stored: {}", key, e.getMessage());
                }
            });
        }
    }

    @Override
    public void forget(String dedupKey) {
        keys.forget(dedupKey);
    }

    private CompletionStage<Void> storeAlone(String key) {
        return link.commands().set(link.keys().dedup(key), "-", SetArgs.Builder.nx().ex(LIFETIME_SECONDS))
                .thenCompose(r -> CompletableFuture.completedFuture(null));
    }

    /** True once the key is stored in Redis, by any node (for tests and tools). */
    public CompletionStage<Boolean> storedInRedis(String key) {
        return link.commands().exists(link.keys().dedup(key)).thenApply(n -> n > 0);
    }
}
