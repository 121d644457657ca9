package io.onekey.dispatcher.store.redis;

import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a whole hash page by page, so a large one does not hold Redis up in one reply. */
final class HashScan {

    private static final int PAGE = 1000;
    private static final long PAGE_TIMEOUT_SECONDS = 30;

    private HashScan() {
    }

    /** Blocking: for start-up only, never on an event loop. */
    static Map<String, String> all(RedisLink link, String key) {
        Map<String, String> entries = new LinkedHashMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        try {
            do {
                MapScanCursor<String, String> page = link.commands().hscan(key, cursor, ScanArgs.Builder.limit(PAGE))
                        .get(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                entries.putAll(page.getMap());
                cursor = page;
            } while (!cursor.isFinished());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + key + " from Redis", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + key + " from Redis: " + e.getMessage(), e);
        }
        return entries;
    }
}
