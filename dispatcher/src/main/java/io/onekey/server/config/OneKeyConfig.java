package io.onekey.server.config;

import io.onekey.dispatcher.error.ConfigException;




import io.onekey.dispatcher.api.HttpConfig;

import io.onekey.dispatcher.geofence.GeofenceConfig;

import io.onekey.device.gateway.GatewayConfig;
import io.onekey.device.session.ProtocolLimits;
import io.onekey.device.protocol.dc09.Dc09CodeTable;
import io.onekey.device.protocol.dc09.Dc09Settings;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.alert.PriorityRules;
import io.onekey.dispatcher.notify.WebhookSender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's whole configuration. Every setting has a default, so the demo needs none.
 *
 * @param directoryFile        residents, devices and providers to load at start (JSON or YAML)
 * @param acceptUnknownDevices the commissioning switch: frames from unknown devices register
 *                             them as unassigned instead of being refused
 * @param adminToken           the bootstrap admin token; generated and printed when absent
 * @param store                where events, alerts, tokens and directory changes are kept
 * @param role                 what this process runs: everything, or one part of a scaled-out installation
 * @param monitoring           the SLA targets and the watchdog's bounds
 * @param care                 the service catalogue, service requests, caring for silence, family and 120 hand-off
 */
public record OneKeyConfig(
        HttpConfig http,
        GatewayConfig gateway,
        DispatchConfig dispatch,
        Optional<Path> directoryFile,
        boolean acceptUnknownDevices,
        Optional<String> adminToken,
        StoreConfig store,
        NodeRole role,
        MonitoringConfig monitoring,
        CareConfig care) {

    public static OneKeyConfig defaults() {
        DispatchConfig dispatch = DispatchConfig.defaults();
        return new OneKeyConfig(HttpConfig.defaults(), GatewayConfig.defaults(), dispatch,
                Optional.empty(), false, Optional.empty(), StoreConfig.defaults(), NodeRole.ALL,
                MonitoringConfig.defaults(dispatch), CareConfig.defaults());
    }

    /** Reads a file (optional), the environment and explicit overrides, in rising precedence. */
    public static OneKeyConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Settings s = Settings.load(file, environment, overrides);
        OneKeyConfig config = build(s);
        s.unusedFileKeys().forEach(key -> s.problem(new ConfigException(key, "unknown setting in " + file)));
        if (!s.problems().isEmpty()) {
            throw ConfigException.of(s.problems());
        }
        return config;
    }

    private static OneKeyConfig load(Settings s) {
        OneKeyConfig config = build(s);
        if (!s.problems().isEmpty()) {
            throw ConfigException.of(s.problems());
        }
        return config;
    }

    /**
     * Reads every part even when one is wrong: bad values are collected (and their defaults
     * used) so that all of them are reported together, not one per start.
     */
    private static OneKeyConfig build(Settings s) {
        HttpConfig httpDefaults = HttpConfig.defaults();
        DispatchConfig dispatch = part(s, () -> dispatch(s, DispatchConfig.defaults()), DispatchConfig.defaults());
        OneKeyConfig config = new OneKeyConfig(
                part(s, () -> new HttpConfig(
                        s.string("http.host", httpDefaults.host()),
                        s.integer("http.port", httpDefaults.port()),
                        s.integer("http.maxBodyBytes", httpDefaults.maxBodyBytes()),
                        s.string("http.mapTiles", httpDefaults.mapTiles()),
                        s.duration("http.untouchedAfter", httpDefaults.untouchedAfter())), httpDefaults),
                part(s, () -> gateway(s, GatewayConfig.defaults()), GatewayConfig.defaults()),
                dispatch,
                Optional.ofNullable(s.string("directory.file", null)).map(Path::of),
                s.bool("acceptUnknownDevices", false),
                Optional.ofNullable(s.string("adminToken", null)),
                part(s, () -> store(s, StoreConfig.defaults()), StoreConfig.defaults()),
                part(s, () -> NodeRole.parse(s.string("role", NodeRole.ALL.name())), NodeRole.ALL),
                part(s, () -> MonitoringConfig.load(s, dispatch), MonitoringConfig.defaults(dispatch)),
                part(s, () -> CareConfig.load(s), CareConfig.defaults()));
        config.adminToken().filter(t -> t.length() < 16).ifPresent(t ->
                s.problem(new ConfigException("adminToken", "(ONEKEY_ADMIN_TOKEN) must be at least 16 characters")));
        return config;
    }

    /**
     * One part of the configuration; a value its records refuse is recorded and the part's
     * defaults stand in, so the other parts are still read and checked.
     */
    private static <T> T part(Settings s, java.util.function.Supplier<T> build, T defaults) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            // Records below this package validate with plain IllegalArgumentException, whose
            // message starts with the key ("gateway.watchPort must be ...").
            s.problem(ConfigException.fromValidation("", e));
            return defaults;
        }
    }

    /** ONEKEY_* environment variables that are no setting (a misspelling), for a warning at start. */
    public static Set<String> unknownEnvironmentVariables(Map<String, String> environment) {
        Settings probe = Settings.load(null, environment, Map.of());
        load(probe);
        return probe.unusedEnvironmentVariables(Set.of("ONEKEY_LOG_LEVEL", "ONEKEY_URL", "ONEKEY_STORE", "ONEKEY_REDIS_URL"));
    }

    private static DispatchConfig dispatch(Settings s, DispatchConfig d) {
        PriorityRules rules = d.rules()
                .withPriorities(s.string("dispatch.priorities", ""))
                .withAutoOffer(s.string("dispatch.autoOffer", autoOfferSpec(d.rules())));
        Map<Priority, Duration> ack = new EnumMap<>(Priority.class);
        Map<Priority, Duration> onScene = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            optionalDuration(s, "dispatch.ackDeadline." + p, rules.ackDeadline(p)).ifPresent(v -> ack.put(p, v));
            optionalDuration(s, "dispatch.onSceneDeadline." + p, rules.onSceneDeadline(p)).ifPresent(v -> onScene.put(p, v));
        }
        GeofenceConfig g = d.geofence();
        return new DispatchConfig(
                s.duration("dispatch.offerTimeout", d.offerTimeout()),
                s.decimal("dispatch.maxRadiusMeters", d.maxRadiusMeters()),
                s.duration("dispatch.maxFixAge", d.maxFixAge()),
                s.integer("dispatch.eventLogCapacity", d.eventLogCapacity()),
                s.duration("dispatch.tickInterval", d.tickInterval()),
                rules.withDeadlines(ack, onScene),
                s.decimal("dispatch.offlineTolerance", d.offlineTolerance()),
                new GeofenceConfig(
                        s.decimal("dispatch.geofence.marginMeters", g.marginMeters()),
                        s.integer("dispatch.geofence.dwellFixes", g.dwellFixes()),
                        s.duration("dispatch.geofence.dwellTime", g.dwellTime())),
                new WebhookSender.Settings(
                        s.duration("dispatch.webhook.retryBase", d.webhooks().retryBase()),
                        s.duration("dispatch.webhook.maxDelay", d.webhooks().maxDelay()),
                        s.duration("dispatch.webhook.retryFor", d.webhooks().retryFor()),
                        s.duration("dispatch.webhook.timeout", d.webhooks().timeout()),
                        list(s.string("dispatch.webhook.allowPrivateTargets", ""))),
                s.decimal("dispatch.onSceneMaxDistanceMeters", d.onSceneMaxDistanceMeters()),
                s.duration("dispatch.delayedAlarmAge", d.delayedAlarmAge()));
    }

    private static List<String> list(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** {@code ONEKEY_STORE} and {@code ONEKEY_REDIS_URL} are short names for {@code store.type} and {@code store.redis.url}. */
    private static StoreConfig store(Settings s, StoreConfig d) {
        RedisConfig r = d.redis();
        return new StoreConfig(
                s.string("store.type", s.environmentOr("ONEKEY_STORE", d.type())),
                Path.of(s.string("store.path", d.path().toString())),
                s.string("store.sync", d.sync()),
                s.duration("store.closedRetention", d.closedRetention()),
                s.duration("store.eventRetention", d.eventRetention()),
                new RedisConfig(
                        s.string("store.redis.url", s.environmentOr("ONEKEY_REDIS_URL", r.url())),
                        s.string("store.redis.namespace", r.namespace()),
                        s.duration("store.redis.claimIdle", r.claimIdle())));
    }

    /** A deadline that may be switched off with {@code none}. */
    private static Optional<Duration> optionalDuration(Settings s, String key, Optional<Duration> defaultValue) {
        String raw = s.string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        if (raw.trim().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        return Optional.of(s.duration(key, Duration.ZERO));
    }

    private static String autoOfferSpec(PriorityRules rules) {
        return rules.autoOffer().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static GatewayConfig gateway(Settings s, GatewayConfig d) {
        Dc09Settings dc09 = d.dc09Settings();
        return new GatewayConfig(
                s.string("gateway.host", d.host()),
                s.integer("gateway.dc09Port", d.dc09Port()),
                s.integer("gateway.watchPort", d.watchPort()),
                s.integer("gateway.gt06Port", d.gt06Port()),
                limits(s, "gateway.dc09", d.dc09()),
                limits(s, "gateway.watch", d.watch()),
                limits(s, "gateway.gt06", d.gt06()),
                s.integer("gateway.maxConnectionsPerAddress", d.maxConnectionsPerAddress()),
                s.integer("gateway.maxConnections", d.maxConnections()),
                s.integer("gateway.maxInvalidFramesInARow", d.maxInvalidFramesInARow()),
                new Dc09Settings(
                        s.duration("gateway.dc09.maxAhead", dc09.maxAhead()),
                        s.duration("gateway.dc09.maxBehind", dc09.maxBehind()),
                        Dc09CodeTable.withOverrides(s.string("gateway.dc09.codeOverrides", "")),
                        s.bool("gateway.dc09.requireTimestamp", dc09.requireTimestamp())));
    }

    private static ProtocolLimits limits(Settings s, String prefix, ProtocolLimits d) {
        try {
            return new ProtocolLimits(s.integer(prefix + ".maxFrameBytes", d.maxFrameBytes()),
                    s.duration(prefix + ".idleTimeout", d.idleTimeout()));
        } catch (IllegalArgumentException e) {
            throw ConfigException.fromValidation(prefix, e);
        }
    }
}
