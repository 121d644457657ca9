package io.onekey.server.config;

import io.onekey.dispatcher.error.ConfigChecks;
import io.onekey.dispatcher.error.ConfigException;
import java.time.Duration;
import java.util.Locale;

/**
 * The shared Redis store.
 *
 * @param url       {@code redis://host:port[/db]}, {@code rediss://…} (TLS), or
 *                  {@code redis-sentinel://host:port,host:port/db#master} (failover by Sentinel);
 *                  a password goes in the URL ({@code redis://:secret@host:port}) and is never logged
 * @param namespace the prefix of every key, so several installations can share one Redis
 * @param claimIdle how long a device event may sit with a dispatcher that took it without being
 *                  processed before another dispatcher takes it over (a dead node's events)
 */
public record RedisConfig(String url, String namespace, Duration claimIdle) {

    /** Not 6379: on a machine where a Redis already runs for something else, OneKey must be pointed at its own on purpose. */
    public static final String DEFAULT_URL = "redis://127.0.0.1:6380";

    public RedisConfig {
        String scheme = url.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("redis://") && !scheme.startsWith("rediss://") && !scheme.startsWith("redis-sentinel://")) {
            throw new ConfigException("store.redis.url", "must start with redis://, rediss:// or redis-sentinel://");
        }
        if (namespace.isBlank() || namespace.contains("{") || namespace.contains("}")) {
            throw new ConfigException("store.redis.namespace", "must be non-empty and without braces");
        }
        ConfigChecks.positive("store.redis.claimIdle", claimIdle);
    }

    public static RedisConfig defaults() {
        return new RedisConfig(DEFAULT_URL, "onekey", Duration.ofSeconds(5));
    }
}
