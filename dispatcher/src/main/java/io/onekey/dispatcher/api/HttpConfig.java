package io.onekey.dispatcher.api;

import io.onekey.dispatcher.error.ConfigChecks;
import io.onekey.dispatcher.error.ConfigException;

/**
 * The HTTP/WebSocket listener.
 *
 * @param maxBodyBytes request bodies above this are refused with 413
 * @param mapTiles     a tile server URL template ({z}/{x}/{y}) for the console's map, or null:
 *                     the map works without tiles, and none are fetched unless configured
 * @param untouchedAfter an open alert no person has acted on for this long is highlighted for
 *                       the supervisor on the console
 */
public record HttpConfig(String host, int port, int maxBodyBytes, String mapTiles, java.time.Duration untouchedAfter) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public HttpConfig {
        ConfigChecks.port("http.port", port);
        if (mapTiles != null && !mapTiles.matches("https?://\\S+\\{z}\\S*\\{x}\\S*\\{y}\\S*")) {
            throw new ConfigException("http.mapTiles", "must be an http(s) URL template with {z}, {x} and {y}");
        }
        if (maxBodyBytes <= 0) {
            throw new ConfigException("http.maxBodyBytes", "must be positive");
        }
        if (untouchedAfter == null) {
            untouchedAfter = DEFAULT_UNTOUCHED_AFTER;
        }
        if (untouchedAfter.isNegative() || untouchedAfter.isZero()) {
            throw new ConfigException("http.untouchedAfter", "must be positive");
        }
    }

    public static final java.time.Duration DEFAULT_UNTOUCHED_AFTER = java.time.Duration.ofMinutes(10);

    public HttpConfig(String host, int port, int maxBodyBytes, String mapTiles) {
        this(host, port, maxBodyBytes, mapTiles, DEFAULT_UNTOUCHED_AFTER);
    }

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, null);
    }
}
