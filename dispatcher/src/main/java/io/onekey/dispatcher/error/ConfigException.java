package io.onekey.dispatcher.error;

/** An invalid setting; the message names the key so the operator can fix it. */
public final class ConfigException extends IllegalArgumentException {

    private final String key;

    public ConfigException(String key, String reason) {
        super("configuration " + key + ": " + reason);
        this.key = key;
    }

    private ConfigException(String key, java.util.List<ConfigException> all) {
        super("configuration has " + all.size() + " problems:" + all.stream()
                .map(e -> "\n  " + e.getMessage().substring("configuration ".length())).collect(java.util.stream.Collectors.joining()));
        this.key = key;
    }

    /** Every problem found at once, so that one start is enough to see them all; the key is the first one's. */
    public static ConfigException of(java.util.List<ConfigException> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no configuration problem to report");
        }
        return all.size() == 1 ? all.get(0) : new ConfigException(all.get(0).key(), java.util.List.copyOf(all));
    }

    /**
     * A validation message of the form "key must be ..." or "key: '...' is not ...", with the key
     * taken off the front so that it is not said twice.
     */
    public static ConfigException fromValidation(String prefix, IllegalArgumentException e) {
        if (e instanceof ConfigException known) {
            return known;
        }
        String message = String.valueOf(e.getMessage());
        String first = message.split(" ", 2)[0];
        String key = first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
        String reason = message.substring(first.length()).trim();
        return new ConfigException(prefix.isEmpty() || key.startsWith(prefix) ? key : prefix + "." + key,
                reason.isEmpty() ? message : reason);
    }

    public String key() {
        return key;
    }
}
