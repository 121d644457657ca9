package io.onekey.dispatcher.store.redis;

/**
 * The key layout. Every key starts with a namespace (several installations, or tests, can
 * share one Redis) and carries a hash tag per concern: the keys one atomic change touches
 * share a tag, so they land in one slot and the layout works on Redis Cluster, where a
 * script may only touch keys of one slot. Concerns with different tags spread over the
 * cluster's shards.
 */
public final class RedisKeys {

    private final String namespace;

    public RedisKeys(String namespace) {
        if (namespace.isBlank() || namespace.contains("{") || namespace.contains("}")) {
            throw new IllegalArgumentException("a Redis namespace must be non-empty and without braces: " + namespace);
        }
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    private String tagged(String concern, String rest) {
        return "{" + namespace + ":" + concern + "}:" + rest;
    }

    // ---- events: both lanes in one slot, so one XREADGROUP reads them together

    public String events(boolean priority) {
        return tagged("events", priority ? "priority" : "normal");
    }

    /** Set when an alarm is appended, in the streams' slot, so that its retransmissions are not appended again. */
    public String appended(String dedupKey) {
        return tagged("events", "appended:" + dedupKey);
    }

    // ---- alerts: the alert, its indexes and the dedup keys its change claims, in one slot

    public String alert(String id) {
        return tagged("alerts", "alert:" + id);
    }

    /** Open alerts, scored by received time (ms). */
    public String openAlerts() {
        return tagged("alerts", "open");
    }

    /** Closed alerts, scored by closing time (ms). */
    public String closedAlerts() {
        return tagged("alerts", "closed");
    }

    /** Every alert, scored by received time (ms), for reports. */
    public String receivedAlerts() {
        return tagged("alerts", "received");
    }

    /** Alert ids scored by their next deadline (ms); a claim pushes the score on by a lease. */
    public String deadlines() {
        return tagged("alerts", "deadlines");
    }

    /** Offer id → alert id. */
    public String offers() {
        return tagged("alerts", "offers");
    }

    /** "subject|kind" → the open alert of that kind: two nodes never open two for one press. */
    public String openByKind() {
        return tagged("alerts", "open-by-kind");
    }

    public String dedup(String key) {
        return tagged("alerts", "dedup:" + key);
    }

    public String idCounter(String kind) {
        return tagged("alerts", "ids:" + kind);
    }

    // ---- the smaller stores, each in its own slot

    public String tokens() {
        return tagged("tokens", "by-hash");
    }

    public String residents() {
        return tagged("directory", "residents");
    }

    public String devices() {
        return tagged("directory", "devices");
    }

    public String providers() {
        return tagged("directory", "providers");
    }

    /** Raised by every directory change, so each node keeps the newest version of an entry. */
    public String directoryVersion() {
        return tagged("directory", "version");
    }

    /** Provider positions of one service type, for GEOSEARCH. */
    public String providerPositions(String serviceType) {
        return tagged("directory", "positions:" + serviceType);
    }

    public String deviceStates() {
        return tagged("devices", "state");
    }

    /** The pub/sub channel on which every node hears the changes of the others. */
    public String changes() {
        return namespace + ":changes";
    }
}
