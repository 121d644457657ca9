package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.care.CareCategory;
import io.onekey.dispatcher.care.CareChannel;
import io.onekey.dispatcher.care.CareDesk;
import io.onekey.dispatcher.care.CareLane;
import io.onekey.dispatcher.care.CareRequest;
import io.onekey.dispatcher.care.CareState;
import io.onekey.dispatcher.care.CareType;
import io.onekey.dispatcher.care.NewCareRequest;
import io.onekey.dispatcher.care.ProviderStaff;
import io.onekey.dispatcher.care.Worker;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.view.CareJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The care services API: the catalogue, service requests and their progress, provider staff
 * and the care SLA. Every change runs on the dispatcher's context, after the work before it.
 */
public final class CareRoutes {

    private final CareDesk desk;
    private final DispatchVerticle dispatcher;
    private final BearerAuth auth;
    private final Directory directory;
    private final CareAccess access;
    private final Clock clock;

    CareRoutes(CareDesk desk, DispatchVerticle dispatcher, BearerAuth auth, Directory directory, Clock clock) {
        this.clock = clock;
        this.desk = desk;
        this.dispatcher = dispatcher;
        this.auth = auth;
        this.directory = directory;
        this.access = new CareAccess(desk.store());
    }

    void mount(Router router) {
        router.get("/api/care/types").handler(this::types);
        router.put("/api/care/types/:id").handler(this::putType);
        router.delete("/api/care/types/:id").handler(this::deleteType);
        router.post("/api/care/requests").handler(this::file);
        router.get("/api/care/requests").handler(this::list);
        router.get("/api/care/requests/:id").handler(this::get);
        provider(router, "accept", (ctx, p) -> desk.accept(ctx.pathParam("id"), p));
        provider(router, "decline", (ctx, p) -> desk.decline(ctx.pathParam("id"), p, optionalText(Bodies.object(ctx), "reason")));
        provider(router, "assign", (ctx, p) -> desk.assign(ctx.pathParam("id"), p, Bodies.requiredText(Bodies.object(ctx), "workerId")));
        provider(router, "arrive", (ctx, p) -> desk.arrive(ctx.pathParam("id"), p, Bodies.optionalPoint(Bodies.object(ctx))));
        provider(router, "complete", (ctx, p) -> desk.complete(ctx.pathParam("id"), p, optionalText(Bodies.object(ctx), "note")));
        router.post("/api/care/requests/:id/offer").handler(ctx -> {
            Principal who = auth.require(ctx, Role.OPERATOR);
            String providerId = Bodies.requiredText(Bodies.object(ctx), "providerId");
            respond(ctx, who, dispatcher.run(() -> desk.offerTo(ctx.pathParam("id"), providerId, who.actor().name())));
        });
        router.post("/api/care/requests/:id/cancel").handler(this::cancel);
        router.get("/api/care/providers/:id/staff").handler(this::staff);
        router.put("/api/care/providers/:id/staff").handler(this::putStaff);
        router.get("/api/care/sla").handler(this::sla);
    }

    // ---- catalogue

    private void types(RoutingContext ctx) {
        auth.require(ctx, Role.PROVIDER, Role.FAMILY, Role.OPERATOR);
        JsonArray items = new JsonArray();
        desk.catalogue().types().forEach(t -> items.add(CareJson.type(t)));
        AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
    }

    private void putType(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        JsonObject b = Bodies.object(ctx);
        CareType type;
        try {
            type = new CareType(ctx.pathParam("id"), Bodies.requiredText(b, "name"),
                    enumField(b, "category", CareCategory.class), enumField(b, "providerType", ServiceType.class),
                    number(b, "circleMeters"), duration(b, "arrivalTarget"),
                    b.getValue("offerLead") == null ? Duration.ZERO : duration(b, "offerLead"),
                    b.getValue("lane") == null ? CareLane.EVERYDAY : enumField(b, "lane", CareLane.class));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DispatchException.badRequest(String.valueOf(e.getMessage()));
        }
        boolean existed = desk.catalogue().type(type.id()).isPresent();
        desk.store().putType(type).onSuccess(v -> {
            desk.catalogue().put(type);
            AlertRoutes.json(ctx, existed ? 200 : 201, CareJson.type(type));
        }).onFailure(ctx::fail);
    }

    private void deleteType(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        String id = ctx.pathParam("id");
        if (desk.catalogue().type(id).isEmpty()) {
            throw DispatchException.notFound("no service type " + id);
        }
        desk.store().removeType(id).onSuccess(v -> {
            desk.catalogue().remove(id);
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    // ---- requests

    private void file(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.FAMILY, Role.OPERATOR);
        JsonObject b = Bodies.object(ctx);
        String residentId = Bodies.requiredText(b, "residentId");
        NewCareRequest asked = new NewCareRequest(residentId, Bodies.requiredText(b, "type"), instant(b, "windowStart"),
                instant(b, "windowEnd"), who.role() == Role.FAMILY ? CareChannel.FAMILY : CareChannel.PHONE,
                who.actor().name(), optionalText(b, "note"));
        access.requireResident(who, residentId, "no resident " + residentId)
                .compose(v -> dispatcher.run(() -> desk.file(asked)))
                .onSuccess(r -> AlertRoutes.json(ctx, 201, view(who, r))).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.PROVIDER, Role.FAMILY, Role.OPERATOR);
        Optional<String> resident = Optional.ofNullable(ctx.request().getParam("residentId"));
        Optional<CareState> state = Optional.ofNullable(ctx.request().getParam("state")).map(s -> {
            try {
                return CareState.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DispatchException.badRequest("state must be one of " + List.of(CareState.values()));
            }
        });
        boolean openOnly = "true".equalsIgnoreCase(ctx.request().getParam("open"));
        // Requests whose window ends at or after `from`: the console's "last 24 hours" and anything ahead.
        Optional<Instant> from = Optional.ofNullable(instantParam(ctx, "from"));
        desk.store().requests().compose(all -> filterVisible(who, all)).onSuccess(visible -> {
            JsonArray items = new JsonArray();
            visible.stream().filter(r -> resident.map(r.residentId()::equals).orElse(true))
                    .filter(r -> state.map(s -> r.state() == s).orElse(true))
                    .filter(r -> !openOnly || r.state().isOpen())
                    .filter(r -> from.map(f -> !r.windowEnd().isBefore(f)).orElse(true))
                    .sorted(Comparator.comparing(CareRequest::windowStart).thenComparing(CareRequest::id))
                    .limit(500)
                    .forEach(r -> items.add(view(who, r)));
            AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
        }).onFailure(ctx::fail);
    }

    private Future<List<CareRequest>> filterVisible(Principal who, List<CareRequest> all) {
        if (who.role().covers(Role.OPERATOR)) {
            return Future.succeededFuture(all);
        }
        if (who.role() == Role.PROVIDER) {
            return Future.succeededFuture(all.stream().filter(r -> CareAccess.providerSees(who, r)).toList());
        }
        return access.member(who).map(m -> m.map(f -> all.stream().filter(r -> f.follows(r.residentId())).toList())
                .orElse(List.of()));
    }

    private void get(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.PROVIDER, Role.FAMILY, Role.OPERATOR);
        String id = ctx.pathParam("id");
        desk.store().request(id).compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.<CareRequest>empty())
                        : access.sees(who, found.get()).map(ok -> ok ? found : Optional.<CareRequest>empty()))
                .onSuccess(visible -> {
                    if (visible.isPresent()) {
                        AlertRoutes.json(ctx, 200, view(who, visible.get()));
                    } else {
                        ctx.fail(DispatchException.notFound("no service request " + id));
                    }
                }).onFailure(ctx::fail);
    }

    private void cancel(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.FAMILY, Role.OPERATOR);
        String id = ctx.pathParam("id");
        String reason = optionalText(Bodies.object(ctx), "reason");
        desk.store().request(id).compose(found -> {
            CareRequest r = found.orElseThrow(() -> DispatchException.notFound("no service request " + id));
            return access.requireResident(who, r.residentId(), "no service request " + id);
        }).compose(v -> dispatcher.run(() -> desk.cancel(id, who.actor().name(), reason)))
                .onSuccess(r -> AlertRoutes.json(ctx, 200, view(who, r))).onFailure(ctx::fail);
    }

    private interface ProviderAction {
        Future<CareRequest> run(RoutingContext ctx, String providerId);
    }

    private void provider(Router router, String action, ProviderAction body) {
        router.post("/api/care/requests/:id/" + action).handler(ctx -> {
            Principal who = auth.require(ctx, Role.PROVIDER);
            respond(ctx, who, dispatcher.run(() -> body.run(ctx, who.subject())));
        });
    }

    private void respond(RoutingContext ctx, Principal who, Future<CareRequest> result) {
        result.onSuccess(r -> AlertRoutes.json(ctx, 200, view(who, r))).onFailure(ctx::fail);
    }

    /** Operators see everything; a provider also where to go; a relative the progress, not the call centre's workings. */
    private JsonObject view(Principal who, CareRequest r) {
        if (who.role().covers(Role.OPERATOR)) {
            return CareJson.request(r, false);
        }
        JsonObject json = CareJson.request(r, true);
        if (who.role() == Role.PROVIDER) {
            directory.resident(r.residentId()).ifPresent(res -> json.put("resident", new JsonObject().put("name", res.name())
                    .put("address", res.address())
                    .put("home", new JsonObject().put("lat", res.home().lat()).put("lon", res.home().lon()))));
            r.offers().stream().filter(o -> o.providerId().equals(who.subject())).reduce((a, b) -> b)
                    .ifPresent(o -> json.put("offer", new JsonObject().put("state", o.state().name())
                            .put("expiresAt", o.expiresAt().toString())));
        }
        return json;
    }

    // ---- staff

    private void staff(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.PROVIDER, Role.OPERATOR);
        String providerId = ownProvider(who, ctx);
        desk.store().staff(providerId).onSuccess(s -> AlertRoutes.json(ctx, 200,
                CareJson.staff(s.orElse(new ProviderStaff(providerId, List.of()))))).onFailure(ctx::fail);
    }

    /** An admin, or the organisation itself, keeps its list of workers. */
    private void putStaff(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.PROVIDER, Role.ADMIN);
        String providerId = ownProvider(who, ctx);
        JsonArray workers = Bodies.object(ctx).getJsonArray("workers");
        if (workers == null) {
            throw DispatchException.badRequest("workers is required: [{\"id\":..., \"name\":...}]");
        }
        ProviderStaff staff;
        try {
            List<Worker> list = new ArrayList<>();
            for (int i = 0; i < workers.size(); i++) {
                JsonObject w = workers.getJsonObject(i);
                list.add(new Worker(w.getString("id"), w.getString("name")));
            }
            staff = new ProviderStaff(providerId, list);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw DispatchException.badRequest("workers: " + e.getMessage());
        }
        desk.store().putStaff(staff).onSuccess(v -> AlertRoutes.json(ctx, 200, CareJson.staff(staff))).onFailure(ctx::fail);
    }

    private String ownProvider(Principal who, RoutingContext ctx) {
        String providerId = ctx.pathParam("id");
        if (who.role() == Role.PROVIDER && !who.subject().equals(providerId)
                || directory.provider(providerId).isEmpty()) {
            throw DispatchException.notFound("no provider " + providerId);
        }
        return providerId;
    }

    // ---- SLA

    /** Per service type: filed, arrived, on time, late, unassigned, over the requests whose window opened in [from, to). */
    private void sla(RoutingContext ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        Instant to = Optional.ofNullable(instantParam(ctx, "to")).orElse(clock.instant());
        Instant from = Optional.ofNullable(instantParam(ctx, "from")).orElse(to.minus(Duration.ofDays(1)));
        desk.store().requests().onSuccess(all -> {
            Map<String, int[]> byType = new TreeMap<>();
            for (CareRequest r : all) {
                if (r.windowStart().isBefore(from) || !r.windowStart().isBefore(to) || r.state() == CareState.CANCELLED) {
                    continue;
                }
                int[] c = byType.computeIfAbsent(r.typeId(), k -> new int[5]);
                c[0]++;
                if (r.arrivedAt() != null) {
                    c[1]++;
                    c[r.onTime().orElse(false) ? 2 : 3]++;
                } else if (r.lateFlagged()) {
                    c[3]++;
                }
                if (r.state() == CareState.UNASSIGNED) {
                    c[4]++;
                }
            }
            JsonArray groups = new JsonArray();
            byType.forEach((type, c) -> groups.add(new JsonObject().put("type", type).put("requests", c[0])
                    .put("arrived", c[1]).put("onTime", c[2]).put("late", c[3]).put("unassigned", c[4])
                    .put("onTimeRatio", c[2] + c[3] == 0 ? null : (double) c[2] / (c[2] + c[3]))));
            AlertRoutes.json(ctx, 200, new JsonObject().put("from", from.toString()).put("to", to.toString())
                    .put("groups", groups));
        }).onFailure(ctx::fail);
    }

    // ---- body helpers

    static String optionalText(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw DispatchException.badRequest(field + " must be a string");
        }
        return (String) v;
    }

    private static Instant instant(JsonObject body, String field) {
        String text = optionalText(body, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw DispatchException.badRequest(field + " must be an ISO-8601 instant such as 2026-12-01T11:30:00Z");
        }
    }

    private static Instant instantParam(RoutingContext ctx, String name) {
        String text = ctx.request().getParam(name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw DispatchException.badRequest(name + " must be an ISO-8601 instant");
        }
    }

    private static Duration duration(JsonObject body, String field) {
        String text = Bodies.requiredText(body, field);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw DispatchException.badRequest(field + " must be an ISO-8601 duration such as PT15M");
        }
    }

    private static double number(JsonObject body, String field) {
        if (!(body.getValue(field) instanceof Number n)) {
            throw DispatchException.badRequest(field + " is a required number");
        }
        return n.doubleValue();
    }

    private static <E extends Enum<E>> E enumField(JsonObject body, String field, Class<E> type) {
        String text = Bodies.requiredText(body, field);
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw DispatchException.badRequest(field + " must be one of " + List.of(type.getEnumConstants()).toString()
                    .toLowerCase(Locale.ROOT));
        }
    }
}
