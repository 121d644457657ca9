package io.onekey.server.config;

import io.onekey.dispatcher.error.ConfigException;
import java.util.Locale;

/**
 * What one process of an installation runs. One process runs everything on the embedded store;
 * on the shared Redis store the parts scale out as processes of their own. Every role serves
 * the HTTP API (health, metrics, console), so any node answers an operator.
 */
public enum NodeRole {
    /** Gateway, dispatcher and API in one process. */
    ALL,
    /** Terminals' connections: frames in, stored in the shared event log, answered. */
    GATEWAY,
    /** Consumes the shared event log, runs deadlines and device supervision, sends webhooks. */
    DISPATCHER,
    /** The console, the API and the live feed; changes made on any node reach its operators. */
    API;

    public static NodeRole parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("role", "must be all, gateway, dispatcher or api, not '" + value + "'");
        }
    }

    public boolean runsGateway() {
        return this == ALL || this == GATEWAY;
    }

    public boolean consumesEvents() {
        return this == ALL || this == DISPATCHER;
    }
}
