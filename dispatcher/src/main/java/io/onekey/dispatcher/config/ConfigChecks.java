package io.onekey.dispatcher.config;

import java.time.Duration;

final class ConfigChecks {

    private ConfigChecks() {
    }

    static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be a positive duration");
        }
    }

    static void port(String key, int value) {
        if (value < 0 || value > 65535) {
            throw new ConfigException(key, "must be a port number 0-65535, was " + value);
        }
    }
}
