package io.onekey.dispatcher.error;



import java.time.Duration;

public final class ConfigChecks {

    private ConfigChecks() {
    }

    public static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be a positive duration");
        }
    }

    public static void port(String key, int value) {
        if (value < 0 || value > 65535) {
            throw new ConfigException(key, "must be a port number 0-65535, was " + value);
        }
    }
}
