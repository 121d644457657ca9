package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Tokens;

import io.onekey.dispatcher.access.Role;

import io.onekey.dispatcher.access.Principal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onekey.monitoring.MetricNames;
import io.onekey.monitoring.SlaTargets;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.LocateRequests;
import io.onekey.dispatcher.device.DeviceCommands;
import io.onekey.dispatcher.alert.PhoneCalls;
import io.onekey.dispatcher.alert.ProviderProgress;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.notify.LiveFeed;
import io.onekey.dispatcher.notify.WebhookTargets;
import io.onekey.dispatcher.routing.DispatchCandidates;
import io.onekey.dispatcher.alert.AlertStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP and WebSocket: health, metrics, the REST API, the live feed and the queue page. */
public final class HttpApiVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(HttpApiVerticle.class);
    private static final long AUTH_TIMEOUT_MS = 10_000;
    private static final String OPENAPI = readOpenApi();

    /** What the HTTP side needs from the rest of the server. */
    public record Services(AlertStore alerts, Tokens tokens, LiveFeed feed, PrometheusMeterRegistry registry,
                           Supplier<Optional<String>> notReady, Clock clock, DispatchVerticle dispatcher, AlertService alertService,
                           ProviderProgress providers, Directory directory, WebhookTargets webhookTargets,
                           SlaTargets slaTargets, DispatchCandidates candidates, LocateRequests locating,
                           DeviceCommands commands) {
    }

    /** Routes of a part of the server mounted beside the core API (care services), after authentication. */
    @FunctionalInterface
    public interface ExtraRoutes {
        void mount(Router router, BearerAuth auth);
    }

    private final HttpConfig config;
    private final Services services;
    private final List<ExtraRoutes> extraRoutes = new ArrayList<>();
    private final BearerAuth auth;
    private HttpServer server;
    private Router router;

    public HttpApiVerticle(HttpConfig config, Services services) {
        this.config = config;
        this.services = services;
        this.auth = new BearerAuth(services.tokens(), services.registry(), services.clock());
    }

    /** Adds routes to mount at start; call before deploying. */
    public HttpApiVerticle with(ExtraRoutes routes) {
        extraRoutes.add(routes);
        return this;
    }

    @Override
    public Future<?> start() {
        router = Router.router(vertx);
        router.route().handler(new SecurityHeaders(config.mapTiles()));
        router.route().handler(this::countRejections);
        router.route().handler(HttpApiVerticle::refuseUndecodableQuery);
        router.get("/health/live").handler(ctx -> AlertRoutes.json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::readiness);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(services.registry().scrape()));
        router.get("/ws").handler(this::webSocket);
        router.get("/console/config.json").handler(ctx -> AlertRoutes.json(ctx, 200,
                new JsonObject().put("mapTiles", config.mapTiles())
                        .put("untouchedAfterSeconds", config.untouchedAfter().toSeconds())));
        router.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").end(OPENAPI));

        // Bodies are read (and capped) for the API only: the WebSocket upgrade needs its request unread.
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        router.route("/api/*").handler(auth::authenticate);
        router.post("/api/tokens").handler(this::createToken);
        router.get("/api/tokens").handler(this::listTokens);
        router.delete("/api/tokens/:id").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            String tokenId = ctx.pathParam("id");
            services.tokens().revoke(tokenId).onSuccess(found -> {
                if (!found) {
                    ctx.fail(DispatchException.notFound("no token " + tokenId));
                    return;
                }
                services.feed().disconnect(p -> p.tokenId().equals(tokenId));
                log.info("token {} revoked", tokenId);
                ctx.response().setStatusCode(204).end();
            }).onFailure(ctx::fail);
        });
        new AlertRoutes(services.alerts(), services.dispatcher(), services.alertService(), services.providers(), auth,
                services.clock(), services.slaTargets(), services.locating(), services.commands()).mount(router);
        new ConsoleRoutes(services.alerts(), services.directory(), services.candidates(), auth, services.feed(),
                services.dispatcher(), new PhoneCalls(services.alertService(), services.directory(), services.clock()),
                services.clock()).mount(router);
        new DirectoryRoutes(services.directory(), services.alerts(), auth, services.webhookTargets(), providerId -> {
            services.tokens().revokeAll(Role.PROVIDER, providerId);
            services.feed().disconnect(p -> p.role() == Role.PROVIDER && p.subject().equals(providerId));
        }).mount(router);
        extraRoutes.forEach(extra -> extra.mount(router, auth));

        // The queue page; files come from the jar, nothing is fetched from elsewhere.
        router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));

        router.route().failureHandler(Problems::handleFailure);
        for (int status : new int[] {404, 405, 413}) {
            router.errorHandler(status, Problems::handleFailure);
        }
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(config.port(), config.host())
                .onSuccess(s -> {
                    server = s;
                    log.info("HTTP listening on {}:{}", config.host(), s.actualPort());
                });
    }

    /** Every request answered with a 4xx status is counted by status: a surge of 401s or 413s is worth a look. */
    private void countRejections(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            if (status >= 400 && status < 500) {
                Counter.builder(MetricNames.HTTP_REQUESTS_REJECTED).description("API requests refused, by status")
                        .tag("status", Integer.toString(status)).register(services.registry()).increment();
            }
        });
        ctx.next();
    }

    public int actualPort() {
        return server.actualPort();
    }

    /** Every route as "METHOD /path/{param}", for checking the OpenAPI document against the code. */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || path.endsWith("*") || route.methods() == null) {
                continue; // handlers for every path: body limits, auth, static files, failures
            }
            for (HttpMethod method : route.methods()) {
                routes.add(method.name() + " " + path.replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        return routes;
    }

    private static String readOpenApi() {
        try (InputStream in = HttpApiVerticle.class.getResourceAsStream("/openapi.yaml")) {
            return new String(Objects.requireNonNull(in, "openapi.yaml is missing from the jar").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readiness(RoutingContext ctx) {
        Optional<String> problem = services.notReady().get();
        JsonObject body = new JsonObject().put("status", problem.isEmpty() ? "UP" : "DOWN");
        problem.ifPresent(reason -> body.put("reason", reason));
        AlertRoutes.json(ctx, problem.isEmpty() ? 200 : 503, body);
    }

    /** Every token: id, role, subject, when made and last used (since this server started); never a secret. */
    private void listTokens(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        JsonArray items = new JsonArray();
        for (Tokens.Listed token : services.tokens().list()) {
            items.add(new JsonObject()
                    .put("id", token.principal().tokenId())
                    .put("role", token.principal().role().name().toLowerCase(Locale.ROOT))
                    .put("subject", token.principal().subject())
                    .put("createdAt", token.createdAt().toString())
                    .put("lastUsedAt", token.lastUsedAt() == null ? null : token.lastUsedAt().toString()));
        }
        AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
    }

    /** A query string that is not valid %-encoding is the caller's mistake: 400, not a 500 with a stack trace. */
    private static void refuseUndecodableQuery(RoutingContext ctx) {
        try {
            ctx.queryParams();
        } catch (IllegalArgumentException e) {
            ctx.fail(DispatchException.badRequest("the query string is not valid (bad %-encoding)"));
            return;
        }
        ctx.next();
    }

    private void createToken(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        JsonObject body = Bodies.object(ctx);
        body.fieldNames().stream().filter(f -> !f.equals("role") && !f.equals("subject")).findFirst().ifPresent(f -> {
            throw DispatchException.badRequest("at " + f + ": unknown field \"" + f + "\"");
        });
        String roleName = Bodies.requiredText(body, "role");
        Role role;
        try {
            role = Role.valueOf(roleName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DispatchException.badRequest("role '" + roleName + "' is not one of provider, operator, supervisor, admin, family");
        }
        String subject = Bodies.requiredText(body, "subject");
        if (role == Role.PROVIDER && services.directory().provider(subject).isEmpty()) {
            throw DispatchException.badRequest("subject: no provider " + subject + " (a provider token names the provider's id)");
        }
        services.tokens().create(role, subject).onSuccess(issued -> {
            log.info("token {} created for {} {}", issued.principal().tokenId(), role, subject);
            AlertRoutes.json(ctx, 201, new JsonObject()
                    .put("id", issued.principal().tokenId())
                    .put("token", issued.token())
                    .put("role", role.name().toLowerCase(Locale.ROOT))
                    .put("subject", subject));
        }).onFailure(ctx::fail);
    }

    /**
     * The live feed, authenticated by the Authorization header before the upgrade: operators
     * get alert changes, supervisors escalations too, a provider its offers.
     */
    private void webSocket(RoutingContext ctx) {
        // Programs send the token in the Authorization header; browsers cannot, so a
        // connection without one must send {"type":"auth","token":...} as its first message.
        boolean hasHeader = ctx.request().getHeader("Authorization") != null;
        Optional<Principal> principal = hasHeader ? auth.principalOf(ctx.request()) : Optional.empty();
        if (hasHeader && principal.isEmpty()) {
            ctx.fail(DispatchException.unauthorized());
            return;
        }
        long since = sinceParam(ctx.request().getParam("since"));
        ctx.request().toWebSocket().onSuccess(ws -> {
            ws.binaryMessageHandler(b -> ws.close((short) 1003, "binary messages are not accepted"));
            if (principal.isPresent()) {
                onWebSocket(ws, principal.get(), since);
            } else {
                awaitAuthMessage(ws, since);
            }
        }).onFailure(e -> log.debug("WebSocket upgrade failed: {}", e.getMessage()));
    }

    private void awaitAuthMessage(ServerWebSocket ws, long since) {
        long timer = vertx.setTimer(AUTH_TIMEOUT_MS, id -> ws.close((short) 1008, "authenticate first"));
        ws.textMessageHandler(text -> {
            vertx.cancelTimer(timer);
            Optional<Principal> principal = Optional.empty();
            try {
                JsonObject message = new JsonObject(text);
                if ("auth".equals(message.getString("type"))) {
                    principal = auth.principalOf(message.getString("token"),
                            ws.remoteAddress() == null ? "unknown" : ws.remoteAddress().hostAddress());
                }
            } catch (RuntimeException e) {
                // not JSON: refused below
            }
            if (principal.isEmpty()) {
                ws.close((short) 1008, "a valid token is required");
                return;
            }
            ws.textMessageHandler(null);
            onWebSocket(ws, principal.get(), since);
        });
    }

    private void onWebSocket(ServerWebSocket ws, Principal principal, long since) {
        services.feed().add(principal, ws, since, new JsonObject().put("type", "hello")
                .put("role", principal.role().name().toLowerCase(Locale.ROOT))
                .put("subject", principal.subject()));
    }

    private static long sinceParam(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
