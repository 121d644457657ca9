package io.onekey.dispatcher.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.config.HttpConfig;
import io.onekey.dispatcher.notify.ProviderConnections;
import io.onekey.dispatcher.store.AlertQuery;
import io.onekey.dispatcher.store.AlertStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP and WebSocket: health, metrics, the REST API and the live feed. */
public final class HttpApiVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(HttpApiVerticle.class);
    private static final int MAX_PAGE = 500;

    private final HttpConfig config;
    private final AlertStore alerts;
    private final TokenStore tokens;
    private final BearerAuth auth;
    private final ProviderConnections providers;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private final Clock clock;
    private HttpServer server;

    public HttpApiVerticle(HttpConfig config, AlertStore alerts, TokenStore tokens, ProviderConnections providers,
                           PrometheusMeterRegistry registry, BooleanSupplier ready, Clock clock) {
        this.config = config;
        this.alerts = alerts;
        this.tokens = tokens;
        this.auth = new BearerAuth(tokens, registry);
        this.providers = providers;
        this.registry = registry;
        this.ready = ready;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::readiness);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
        router.get("/ws").handler(this::webSocket);

        // Bodies are read (and capped) for the API only: the WebSocket upgrade needs its request unread.
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        router.route("/api/*").handler(auth::authenticate);
        router.get("/api/alerts").handler(this::listAlerts);
        router.get("/api/alerts/:id").handler(this::getAlert);
        router.post("/api/tokens").handler(this::createToken);

        // The queue preview page; files come from the jar, nothing is fetched from elsewhere.
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

    public int actualPort() {
        return server.actualPort();
    }

    private void readiness(RoutingContext ctx) {
        boolean up = ready.getAsBoolean();
        json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
    }

    private void listAlerts(RoutingContext ctx) {
        auth.require(ctx, Role.OPERATOR);
        AlertQuery query = new AlertQuery(
                enumParam(ctx, "state", AlertState.class),
                enumParam(ctx, "priority", Priority.class),
                Optional.ofNullable(ctx.request().getParam("residentId")),
                limitParam(ctx));
        alerts.list(query).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(alert -> items.add(AlertJson.alert(alert, clock.instant())));
            json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
        }).onFailure(ctx::fail);
    }

    private void getAlert(RoutingContext ctx) {
        auth.require(ctx, Role.OPERATOR);
        String id = ctx.pathParam("id");
        alerts.get(id).onSuccess(alert -> {
            if (alert.isEmpty()) {
                ctx.fail(ApiException.notFound("no alert " + id));
            } else {
                json(ctx, 200, AlertJson.alert(alert.get(), clock.instant()));
            }
        }).onFailure(ctx::fail);
    }

    private void createToken(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        JsonObject body = bodyObject(ctx);
        Role role = parseEnum(Role.class, "role", body.getString("role"));
        String subject = body.getString("subject");
        if (subject == null || subject.isBlank()) {
            throw ApiException.badRequest("subject is required (a user name, or the provider's id)");
        }
        TokenStore.IssuedToken issued = tokens.create(role, subject);
        log.info("token {} created for {} {}", issued.principal().tokenId(), role, subject);
        json(ctx, 201, new JsonObject()
                .put("id", issued.principal().tokenId())
                .put("token", issued.token())
                .put("role", role.name().toLowerCase(Locale.ROOT))
                .put("subject", subject));
    }

    /**
     * The live feed. Authenticated by the Authorization header before the upgrade; a provider's
     * connection receives its offers.
     */
    private void webSocket(RoutingContext ctx) {
        Optional<Principal> principal = auth.principalOf(ctx.request());
        if (principal.isEmpty()) {
            ctx.fail(ApiException.unauthorized());
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> onWebSocket(ws, principal.get()))
                .onFailure(e -> log.debug("WebSocket upgrade failed: {}", e.getMessage()));
    }

    private void onWebSocket(ServerWebSocket ws, Principal principal) {
        if (principal.role() == Role.PROVIDER) {
            providers.add(principal.subject(), ws);
        }
        // Text from clients is not used yet; anything binary or oversized closes the socket.
        ws.binaryMessageHandler(b -> ws.close((short) 1003, "binary messages are not accepted"));
        ws.writeTextMessage(new JsonObject().put("type", "hello")
                .put("role", principal.role().name().toLowerCase(Locale.ROOT))
                .put("subject", principal.subject()).encode());
    }

    private static JsonObject bodyObject(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw ApiException.badRequest("a JSON object body is required");
            }
            return body;
        } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
            throw ApiException.badRequest("the body is not a JSON object");
        }
    }

    private static <E extends Enum<E>> Optional<E> enumParam(RoutingContext ctx, String name, Class<E> type) {
        String value = ctx.request().getParam(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(parseEnum(type, name, value));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String value) {
        if (value == null) {
            throw ApiException.badRequest(name + " is required");
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int limitParam(RoutingContext ctx) {
        String value = ctx.request().getParam("limit");
        if (value == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > MAX_PAGE) {
                throw ApiException.badRequest("limit must be 1-" + MAX_PAGE);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a number");
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
