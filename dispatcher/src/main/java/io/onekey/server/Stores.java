package io.onekey.server;

import io.onekey.dispatcher.access.TokenStore;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.eventlog.DedupMemory;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.routing.DirectoryProviderPositions;
import io.onekey.dispatcher.routing.ProviderPositions;
import io.onekey.dispatcher.store.memory.InMemoryAlertStore;
import io.onekey.dispatcher.store.memory.InMemoryDedupMemory;
import io.onekey.dispatcher.store.memory.InMemoryDeviceStates;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.onekey.dispatcher.store.memory.InMemoryEventLog;
import io.onekey.dispatcher.store.memory.InMemoryTokenStore;
import io.onekey.dispatcher.store.sqlite.PendingDedupKeys;
import io.onekey.dispatcher.store.sqlite.SqliteAlertStore;
import io.onekey.dispatcher.store.sqlite.SqliteDatabase;
import io.onekey.dispatcher.store.sqlite.SqliteDedupMemory;
import io.onekey.dispatcher.store.sqlite.SqliteDeviceStates;
import io.onekey.dispatcher.store.sqlite.SqliteDirectory;
import io.onekey.dispatcher.store.sqlite.SqliteEventLog;
import io.onekey.dispatcher.store.sqlite.SqliteTokenStore;
import io.onekey.dispatcher.store.redis.RedisAlertStore;
import io.onekey.dispatcher.store.redis.RedisDedupKeys;
import io.onekey.dispatcher.store.redis.RedisDedupMemory;
import io.onekey.dispatcher.store.redis.RedisDeviceStates;
import io.onekey.dispatcher.store.redis.RedisDirectory;
import io.onekey.dispatcher.store.redis.RedisProviderPositions;
import io.onekey.dispatcher.store.redis.RedisTokenStore;
import io.onekey.dispatcher.store.redis.RedisEventLog;
import io.onekey.dispatcher.store.redis.RedisIds;
import io.onekey.dispatcher.store.redis.RedisLink;
import io.onekey.server.config.RedisConfig;
import io.onekey.server.config.StoreConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The stores the server runs on, chosen by {@code store.type}: the embedded SQLite database
 * (the default), the shared Redis, or memory (tests). Also the store's health, the last ids it handed out, its
 * housekeeping and its closing.
 */
record Stores(EventLog events, AlertStore alerts, Directory directory, TokenStore tokens, DeviceStates deviceStates,
              DedupMemory dedup, LongSupplier alertNumbers, LongSupplier offerNumbers, Optional<SqliteDatabase> database,
              Optional<RedisLink> redis, StoreConfig config) implements AutoCloseable {

    /** Alerts closed within this period stay in memory for the queue; older ones are read from disk. */
    static final Duration RECENT = Duration.ofDays(7);
    private static final int DEDUP_KEYS_IN_MEMORY = 100_000;
    private static final Duration DEDUP_RETENTION = Duration.ofDays(30);

    static Stores open(StoreConfig config, DirectoryContent directoryFile, int eventLogCapacity, Clock clock) {
        if (config.type().equals(StoreConfig.MEMORY)) {
            return new Stores(new InMemoryEventLog(eventLogCapacity), new InMemoryAlertStore(), InMemoryDirectory.of(directoryFile),
                    new InMemoryTokenStore(), new InMemoryDeviceStates(), new InMemoryDedupMemory(DEDUP_KEYS_IN_MEMORY),
                    counter(0), counter(0), Optional.empty(), Optional.empty(), config);
        }
        if (config.type().equals(StoreConfig.REDIS)) {
            return openRedis(config, directoryFile, eventLogCapacity, clock);
        }
        SqliteDatabase db = new SqliteDatabase(config.path(),
                config.sync().equals("normal") ? SqliteDatabase.Sync.NORMAL : SqliteDatabase.Sync.FULL, clock);
        // Dedup keys are stored with the alert change their alarm makes (see PendingDedupKeys).
        PendingDedupKeys dedupKeys = new PendingDedupKeys();
        SqliteAlertStore alerts = new SqliteAlertStore(db, clock, RECENT, dedupKeys);
        return new Stores(new SqliteEventLog(db, clock, eventLogCapacity), alerts, new SqliteDirectory(db, clock, directoryFile),
                new SqliteTokenStore(db), new SqliteDeviceStates(db),
                new SqliteDedupMemory(db, clock, DEDUP_KEYS_IN_MEMORY, dedupKeys),
                counter(alerts.lastNumber("alert")), counter(alerts.lastNumber("offer")), Optional.of(db), Optional.empty(), config);
    }

    /** The shared store: every process of the installation connects to the same Redis and namespace. */
    private static Stores openRedis(StoreConfig config, DirectoryContent directoryFile, int eventLogCapacity, Clock clock) {
        RedisConfig redis = config.redis();
        RedisLink link = RedisLink.connect(redis.url(), redis.namespace());
        try {
            RedisDedupKeys dedupKeys = new RedisDedupKeys(DEDUP_KEYS_IN_MEMORY);
            return new Stores(new RedisEventLog(link, eventLogCapacity, redis.claimIdle()),
                    new RedisAlertStore(link, clock, RECENT, dedupKeys), new RedisDirectory(link, directoryFile),
                    new RedisTokenStore(link), new RedisDeviceStates(link), new RedisDedupMemory(link, dedupKeys),
                    new RedisIds(link, "alert"), new RedisIds(link, "offer"), Optional.empty(), Optional.of(link), config);
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private static LongSupplier counter(long last) {
        return new AtomicLong(last)::incrementAndGet;
    }

    /** Where routing finds the providers near a place: a GEO search in Redis, or the directory in memory. */
    ProviderPositions providerPositions() {
        return redis.<ProviderPositions>map(RedisProviderPositions::new).orElseGet(() -> new DirectoryProviderPositions(directory));
    }

    /** False while the store cannot write; why, in {@link #failure()}. */
    boolean healthy() {
        return database.map(SqliteDatabase::healthy).orElse(true) && redis.map(RedisLink::healthy).orElse(true);
    }

    Optional<String> failure() {
        return database.map(SqliteDatabase::failure).or(() -> redis.flatMap(RedisLink::failure));
    }

    /** Deletes what is past its retention: processed events and old dedup keys (alerts go through the alert clock). */
    void housekeep(Instant now) {
        if (events instanceof SqliteEventLog log) {
            log.trimProcessedBefore(now.minus(config.eventRetention()));
        }
        if (dedup instanceof SqliteDedupMemory memory) {
            memory.forgetBefore(now.minus(DEDUP_RETENTION));
        }
    }

    /** Finishes the writes queued so far, then closes the database. */
    @Override
    public void close() {
        database.ifPresent(SqliteDatabase::close);
        if (events instanceof RedisEventLog log) {
            log.close();
        }
        if (deviceStates instanceof RedisDeviceStates states) {
            states.close();
        }
        redis.ifPresent(RedisLink::close);
    }
}
