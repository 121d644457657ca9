package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Role;

import io.onekey.dispatcher.access.Principal;

import io.onekey.dispatcher.view.AlertJson;

import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.dispatcher.alert.Actor;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.LocateRequests;
import io.onekey.dispatcher.device.DeviceCommands;
import io.onekey.device.command.DeviceCommand;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.alert.ProviderProgress;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.alert.AlertQuery;
import io.onekey.dispatcher.alert.AlertStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.onekey.dispatcher.view.SlaReport;
import io.onekey.monitoring.SlaTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The alert API: reading alerts, the operators' actions, and the providers' answers and
 * progress. Actions run on the dispatcher's context; errors carry their status (404, 409...).
 */
final class AlertRoutes {

    private static final int MAX_PAGE = 500;

    private final AlertStore store;
    private final DispatchVerticle dispatcher;
    private final AlertService alerts;
    private final ProviderProgress providers;
    private final BearerAuth auth;
    private final Clock clock;

    private final SlaTargets slaTargets;
    private final LocateRequests locating;
    private final DeviceCommands commands;

    AlertRoutes(AlertStore store, DispatchVerticle dispatcher, AlertService alerts, ProviderProgress providers,
                BearerAuth auth, Clock clock, SlaTargets slaTargets, LocateRequests locating, DeviceCommands commands) {
        this.locating = locating;
        this.commands = commands;
        this.slaTargets = slaTargets;
        this.store = store;
        this.dispatcher = dispatcher;
        this.alerts = alerts;
        this.providers = providers;
        this.auth = auth;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/:id").handler(this::get);
        operator(router, "acknowledge", (ctx, who) -> alerts.acknowledge(id(ctx), who));
        operator(router, "dispatch", (ctx, who) -> alerts.dispatch(id(ctx), Bodies.requiredText(Bodies.object(ctx), "providerId"), who));
        operator(router, "assign", (ctx, who) -> alerts.assign(id(ctx), who, Bodies.requiredText(Bodies.object(ctx), "operator")));
        operator(router, "notes", (ctx, who) -> alerts.note(id(ctx), who, Bodies.requiredText(Bodies.object(ctx), "text")));
        operator(router, "resolve", (ctx, who) -> alerts.resolve(id(ctx), who, Bodies.object(ctx).getString("note")));
        operator(router, "cancel", (ctx, who) -> alerts.cancel(id(ctx), who, Bodies.object(ctx).getString("reason")));
        router.post("/api/alerts/:id/locate").handler(this::locate);

        router.get("/api/sla").handler(this::slaReport);
        router.get("/api/offers").handler(this::ownOffers);
        router.post("/api/offers/:id/accept").handler(ctx -> provider(ctx, who -> providers.accept(id(ctx), who)));
        router.post("/api/offers/:id/decline").handler(ctx -> provider(ctx,
                who -> providers.decline(id(ctx), who, Bodies.object(ctx).getString("reason"))));
        router.post("/api/alerts/:id/en-route").handler(ctx -> provider(ctx,
                who -> providers.enRoute(id(ctx), who, Bodies.optionalPoint(Bodies.object(ctx)))));
        router.post("/api/alerts/:id/on-scene").handler(ctx -> provider(ctx,
                who -> providers.onScene(id(ctx), who, Bodies.optionalPoint(Bodies.object(ctx)))));
        router.post("/api/alerts/:id/complete").handler(ctx -> provider(ctx,
                who -> providers.complete(id(ctx), who, Bodies.object(ctx).getString("note"))));
    }

    private interface Action {
        Future<Alert> run(RoutingContext ctx, Actor who);
    }

    private void operator(Router router, String action, Action body) {
        router.post("/api/alerts/:id/" + action).handler(ctx -> {
            Actor who = auth.require(ctx, Role.OPERATOR).actor();
            // The body (already read and size-checked) is parsed inside the action, on the
            // dispatcher's context; a bad body fails the action with its 400 like any other error.
            respond(ctx, dispatcher.run(() -> body.run(ctx, who)));
        });
    }

    /**
     * "Locate now": the request goes into the history, the command to the device, its outcome
     * into the history; the answer carries the outcome and the alert. Three steps, so that the
     * dispatcher is not held while the command travels (a few seconds at most across processes).
     * The fresh fix follows later, when the device reports it.
     */
    private void locate(RoutingContext ctx) {
        Actor who = auth.require(ctx, Role.OPERATOR).actor();
        String id = id(ctx);
        dispatcher.run(() -> locating.request(id, who))
                .compose(requested -> commands.send(requested.protocol(), requested.deviceId(), DeviceCommand.LOCATE)
                        .compose(outcome -> dispatcher.run(() -> locating.outcome(id, outcome))
                                .compose(alert -> store.flushed().map(alert))
                                .map(alert -> new JsonObject().put("outcome", outcome.name())
                                        .put("alert", AlertJson.alert(alert, clock.instant())))))
                .onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void provider(RoutingContext ctx, Function<Actor, Future<Alert>> action) {
        Actor who = auth.require(ctx, Role.PROVIDER).actor();
        respond(ctx, dispatcher.run(() -> action.apply(who)));
    }

    /** Answers once the change is durable: an action the caller is told of survives a crash. */
    private void respond(RoutingContext ctx, Future<Alert> result) {
        result.compose(alert -> store.flushed().map(alert))
                .onSuccess(alert -> json(ctx, 200, AlertJson.alert(alert, clock.instant()))).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        auth.require(ctx, Role.OPERATOR);
        int limit = limitParam(ctx);
        Optional<AlertQuery.Position> after = Optional.ofNullable(ctx.request().getParam("cursor"))
                .filter(c -> !c.isEmpty()).map(AlertCursor::decode);
        // One more than asked tells whether there is a next page.
        AlertQuery query = new AlertQuery(enumParam(ctx, "state", AlertState.class), enumParam(ctx, "priority", Priority.class),
                Optional.ofNullable(ctx.request().getParam("residentId")), limit + 1, after);
        store.list(query).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.stream().limit(limit).forEach(alert -> items.add(AlertJson.alert(alert, clock.instant())));
            JsonObject page = new JsonObject().put("items", items);
            if (list.size() > limit) {
                page.put("next", AlertCursor.encode(AlertQuery.Position.of(list.get(limit - 1))));
            } else {
                page.putNull("next");
            }
            json(ctx, 200, page);
        }).onFailure(ctx::fail);
    }

    /**
     * Operators see every alert; a provider only an open one it has a pending offer for or
     * accepted. To a provider anything else does not exist.
     */
    private void get(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.PROVIDER, Role.OPERATOR);
        String id = id(ctx);
        store.get(id).onSuccess(found -> {
            boolean visible = found.isPresent() && (who.role() != Role.PROVIDER || (found.get().state().isOpen()
                    && found.get().offers().stream().anyMatch(o -> o.providerId().equals(who.subject())
                    && (o.state() == OfferState.PENDING || o.state() == OfferState.ACCEPTED))));
            if (!visible) {
                ctx.fail(DispatchException.notFound("no alert " + id));
            } else {
                json(ctx, 200, AlertJson.alert(found.get(), clock.instant()));
            }
        }).onFailure(ctx::fail);
    }

    /**
     * The service-level report: {@code from}/{@code to} ISO instants (default: the last 24 h),
     * {@code groupBy} day|provider|kind|priority; CSV with {@code format=csv} or {@code Accept: text/csv}.
     */
    private void slaReport(RoutingContext ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        Instant to = instantParam(ctx, "to", clock.instant());
        Instant from = instantParam(ctx, "from", to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw DispatchException.badRequest("from must be before to");
        }
        SlaReport.GroupBy groupBy = enumParam(ctx, "groupBy", SlaReport.GroupBy.class).orElse(SlaReport.GroupBy.DAY);
        boolean csv = wantsCsv(ctx);
        store.receivedBetween(from, to).onSuccess(alerts -> {
            JsonObject report = SlaReport.of(alerts, from, to, groupBy, clock.instant(), slaTargets);
            if (csv) {
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"onekey-sla.csv\"")
                        .end(SlaReport.csv(report));
            } else {
                json(ctx, 200, report);
            }
        }).onFailure(ctx::fail);
    }

    private static boolean wantsCsv(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        if (format != null && !format.isEmpty()) {
            if (!format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
                throw DispatchException.badRequest("format '" + format + "' is not one of json, csv");
            }
            return format.equalsIgnoreCase("csv");
        }
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private static Instant instantParam(RoutingContext ctx, String name, Instant fallback) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw DispatchException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-29T00:00:00Z");
        }
    }

    /** A provider's pending offers and the jobs it accepted, each with its alert. */
    private void ownOffers(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.PROVIDER);
        store.ofProvider(who.subject()).onSuccess(list -> {
            JsonArray items = new JsonArray();
            for (Alert alert : list) {
                for (Offer offer : alert.offers()) {
                    if (offer.providerId().equals(who.subject())) {
                        items.add(AlertJson.offer(offer).put("alert", AlertJson.alert(alert, clock.instant())));
                    }
                }
            }
            json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
        }).onFailure(ctx::fail);
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("id");
    }

    private static <E extends Enum<E>> Optional<E> enumParam(RoutingContext ctx, String name, Class<E> type) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw DispatchException.badRequest(name + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
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
                throw DispatchException.badRequest("limit must be 1-" + MAX_PAGE);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw DispatchException.badRequest("limit must be a number");
        }
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
