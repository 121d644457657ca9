package io.onekey.dispatcher.config;

/**
 * The HTTP/WebSocket listener.
 *
 * @param maxBodyBytes request bodies above this are refused with 413
 */
public record HttpConfig(String host, int port, int maxBodyBytes) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public HttpConfig {
        ConfigChecks.port("http.port", port);
        if (maxBodyBytes <= 0) {
            throw new ConfigException("http.maxBodyBytes", "must be positive");
        }
    }

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
    }
}
