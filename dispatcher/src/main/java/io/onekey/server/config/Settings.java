package io.onekey.server.config;

import io.onekey.dispatcher.error.ConfigException;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw settings by dotted key ({@code gateway.watchPort}), from a YAML/JSON file, then
 * environment variables ({@code ONEKEY_GATEWAY_WATCH_PORT}), then explicit overrides. Typed
 * getters name the key in every error; keys in the file that nobody reads are reported, so a
 * typo cannot silently leave a default in force.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, String> fileValues = new LinkedHashMap<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();
    private final Set<String> environmentRead = new HashSet<>();
    private final Map<String, String> environment;
    private final java.util.List<ConfigException> problems = new java.util.ArrayList<>();

    private Settings(Map<String, String> environment) {
        this.environment = environment;
    }

    public static Settings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Settings settings = new Settings(environment);
        if (file != null) {
            settings.readFile(file);
        }
        settings.overrides.putAll(overrides);
        return settings;
    }

    private void readFile(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
            if (root != null && !root.isNull()) {
                if (!root.isObject()) {
                    throw new ConfigException(file.toString(), "the configuration file must hold a mapping of settings");
                }
                flatten("", root);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(file.toString(), syntaxError(e));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the configuration file: " + e.getMessage());
        }
    }

    /** The parser's complaint in a reader's terms: where, and what, without the parser's internals. */
    private static String syntaxError(com.fasterxml.jackson.core.JsonProcessingException e) {
        String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim();
        var where = e.getLocation();
        int line = where == null ? -1 : where.getLineNr();
        int column = where == null ? -1 : where.getColumnNr();
        java.util.regex.Matcher mark = Pattern.compile("line (\\d+), column (\\d+)").matcher(String.valueOf(e.getOriginalMessage()));
        String lastMark = null;
        while (mark.find()) {
            lastMark = "line " + mark.group(1) + ", column " + mark.group(2);
        }
        String at = lastMark != null ? lastMark : line > 0 ? "line " + line + ", column " + column : "an unknown place";
        return "not valid YAML or JSON at " + at + ": " + what
                + " (check the indentation, and quote values that contain ': ' or start with '{', '[', '*' or '&')";
    }

    private void flatten(String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                flatten(key, field.getValue());
            } else if (field.getValue().isNull()) {
                fileValues.put(key, null); // written out as null: the default applies, and the key is known
            } else {
                fileValues.put(key, field.getValue().asText());
            }
        }
    }

    /** {@code gateway.watchPort} → {@code ONEKEY_GATEWAY_WATCH_PORT}. */
    public static String environmentName(String key) {
        return "ONEKEY_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private String raw(String key) {
        read.add(key);
        if (overrides.get(key) != null) {
            return overrides.get(key);
        }
        environmentRead.add(environmentName(key));
        String env = environment.get(environmentName(key));
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return fileValues.get(key);
    }

    /** An environment variable read under a short name of its own (not derived from a key), else the default. */
    public String environmentOr(String name, String defaultValue) {
        environmentRead.add(name);
        String env = environment.get(name);
        return env == null || env.isBlank() ? defaultValue : env.trim();
    }

    public String string(String key, String defaultValue) {
        String value = raw(key);
        return value == null ? defaultValue : value;
    }

    public int integer(String key, int defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return bad(key, "must be a whole number, was '" + value + "'", defaultValue);
        }
    }

    public double decimal(String key, double defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return bad(key, "must be a number, was '" + value + "'", defaultValue);
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> bad(key, "must be true or false, was '" + value + "'", defaultValue);
        };
    }

    /** Durations as {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key, Duration defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        String v = value.trim();
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            return bad(key, "must be a duration such as 30s, 15m or PT30S, was '" + value + "'", defaultValue);
        }
    }

    /** Records a bad value and carries on with the default, so that every bad value is reported at once. */
    private <T> T bad(String key, String reason, T defaultValue) {
        problems.add(new ConfigException(key, reason));
        return defaultValue;
    }

    /** A problem found while building from these settings (a value out of range, say). */
    public void problem(ConfigException problem) {
        problems.add(problem);
    }

    /** Every problem so far, in the order found. */
    public java.util.List<ConfigException> problems() {
        return java.util.List.copyOf(problems);
    }

    /** ONEKEY_* environment variables that no setting read: most likely typos. */
    public Set<String> unusedEnvironmentVariables(Set<String> usedElsewhere) {
        Set<String> unused = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (name.startsWith("ONEKEY_") && !environmentRead.contains(name) && !usedElsewhere.contains(name)) {
                unused.add(name);
            }
        }
        return unused;
    }

    /** Keys in the file that no setting read: most likely typos. */
    public Set<String> unusedFileKeys() {
        Set<String> unused = new TreeSet<>(fileValues.keySet());
        unused.removeAll(read);
        return unused;
    }
}
