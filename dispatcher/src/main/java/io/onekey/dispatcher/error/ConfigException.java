package io.onekey.dispatcher.error;

/** An invalid setting; the message names the key so the operator can fix it. */
public final class ConfigException extends IllegalArgumentException {

    private final String key;

    public ConfigException(String key, String reason) {
        super("configuration " + key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
