package io.onekey.server.config;

import io.onekey.dispatcher.error.ConfigChecks;
import io.onekey.dispatcher.error.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where everything that must outlive the process is kept.
 *
 * @param type             {@code sqlite} (the embedded store, the default), {@code redis} (shared
 *                         by several processes: gateways, dispatchers, API nodes) or
 *                         {@code memory} (keeps nothing across a restart; for tests)
 * @param path             the SQLite database file
 * @param sync             {@code full}: every commit reaches the disk before devices are
 *                         answered (survives power loss); {@code normal}: survives a crash of
 *                         the process, the last moments may be lost on power loss
 * @param closedRetention  closed alerts are kept this long, then deleted
 * @param eventRetention   processed device events are kept this long, then deleted (embedded
 *                         store; Redis deletes an event once it is processed)
 * @param redis            where the shared store is, when the type is redis
 */
public record StoreConfig(String type, Path path, String sync, Duration closedRetention, Duration eventRetention,
                          RedisConfig redis) {

    public static final String SQLITE = "sqlite";
    public static final String MEMORY = "memory";
    public static final String REDIS = "redis";

    public StoreConfig {
        type = type.toLowerCase(Locale.ROOT);
        sync = sync.toLowerCase(Locale.ROOT);
        if (!type.equals(SQLITE) && !type.equals(REDIS) && !type.equals(MEMORY)) {
            throw new ConfigException("store.type", "must be sqlite, redis or memory, not '" + type + "'");
        }
        if (!sync.equals("full") && !sync.equals("normal")) {
            throw new ConfigException("store.sync", "must be full or normal, not '" + sync + "'");
        }
        ConfigChecks.positive("store.closedRetention", closedRetention);
        ConfigChecks.positive("store.eventRetention", eventRetention);
    }

    public static StoreConfig defaults() {
        return new StoreConfig(SQLITE, Path.of("data", "onekey.db"), "full", Duration.ofDays(400), Duration.ofDays(7),
                RedisConfig.defaults());
    }
}
