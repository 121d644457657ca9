package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Tokens;

import io.onekey.dispatcher.access.Role;

import io.onekey.dispatcher.access.Principal;

import io.onekey.dispatcher.error.DispatchException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.monitoring.MetricNames;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/** Authenticates {@code Authorization: Bearer} tokens and checks roles; failures are counted. */
public final class BearerAuth {

    private static final String PRINCIPAL = "onekey.principal";

    private final Tokens tokens;
    private final Counter missing;
    private final Counter invalid;
    private final Counter forbidden;

    public BearerAuth(Tokens tokens, MeterRegistry registry) {
        this.tokens = tokens;
        this.missing = failures(registry, "missing");
        this.invalid = failures(registry, "invalid");
        this.forbidden = failures(registry, "forbidden");
    }

    private static Counter failures(MeterRegistry registry, String reason) {
        return Counter.builder(MetricNames.AUTH_FAILURES).description("Refused API calls by reason")
                .tag("reason", reason).register(registry);
    }

    /** Route handler: fails the request with 401 unless a valid token is presented. */
    public void authenticate(RoutingContext ctx) {
        Optional<Principal> principal = principalOf(ctx.request());
        if (principal.isEmpty()) {
            ctx.fail(DispatchException.unauthorized());
            return;
        }
        ctx.put(PRINCIPAL, principal.get());
        ctx.next();
    }

    /** Resolves the caller of a request; counts a missing or unknown token. */
    public Optional<Principal> principalOf(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            missing.increment();
            return Optional.empty();
        }
        return principalOf(header.substring(7).trim());
    }

    /** Resolves a token given some other way (a WebSocket's first message). */
    public Optional<Principal> principalOf(String token) {
        if (token == null || token.isBlank()) {
            missing.increment();
            return Optional.empty();
        }
        Optional<Principal> principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            invalid.increment();
        }
        return principal;
    }

    /** The authenticated caller, checked against the roles the route admits (any one of them). */
    public Principal require(RoutingContext ctx, Role... roles) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) {
            throw DispatchException.unauthorized();
        }
        for (Role role : roles) {
            if (principal.role().covers(role)) {
                return principal;
            }
        }
        forbidden.increment();
        throw DispatchException.forbidden("this action needs the " + roles[roles.length - 1].name().toLowerCase(Locale.ROOT) + " role");
    }
}
