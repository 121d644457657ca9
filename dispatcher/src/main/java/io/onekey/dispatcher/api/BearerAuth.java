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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Authenticates {@code Authorization: Bearer} tokens and checks roles; failures are counted. */
public final class BearerAuth {

    private static final String PRINCIPAL = "onekey.principal";

    /** Wrong tokens an address may present within a minute before it is refused for the rest of it. */
    static final int WRONG_TOKENS_PER_MINUTE = 20;

    private final Tokens tokens;
    private final AuthThrottle throttle;
    private final Counter throttled;
    private final Counter missing;
    private final Counter invalid;
    private final Counter forbidden;

    public BearerAuth(Tokens tokens, MeterRegistry registry, Clock clock) {
        this.tokens = tokens;
        this.throttle = new AuthThrottle(WRONG_TOKENS_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.throttled = failures(registry, "throttled");
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
        String address = addressOf(ctx.request());
        Optional<Long> wait = throttle.lockedOut(address);
        Optional<Principal> principal = principalOf(ctx.request());
        if (wait.isPresent() && !principal.map(p -> throttle.proven(address, p.tokenId())).orElse(false)) {
            throttled.increment();
            ctx.response().putHeader("Retry-After", Long.toString(wait.get()));
            ctx.fail(new DispatchException(429, "Too many requests",
                    "too many wrong tokens from this address; try again in " + wait.get() + " s"));
            return;
        }
        if (principal.isEmpty()) {
            if (ctx.request().getHeader("Authorization") != null) {
                throttle.failed(address);
            }
            ctx.fail(DispatchException.unauthorized());
            return;
        }
        throttle.succeeded(address, principal.get().tokenId());
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

    /** Resolves a token sent as a WebSocket's first message, with the same limit on guessing. */
    public Optional<Principal> principalOf(String token, String address) {
        Optional<Principal> principal = principalOf(token);
        if (throttle.lockedOut(address).isPresent() && !principal.map(p -> throttle.proven(address, p.tokenId())).orElse(false)) {
            throttled.increment();
            return Optional.empty();
        }
        if (principal.isEmpty()) {
            throttle.failed(address);
        } else {
            throttle.succeeded(address, principal.get().tokenId());
        }
        return principal;
    }

    static String addressOf(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    /** Resolves a token given some other way. */
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
