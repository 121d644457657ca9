package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.ProviderStatus;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.notify.LiveFeed;
import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.Actor;
import io.onekey.dispatcher.alert.PhoneCalls;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.dispatcher.view.AlertJson;
import java.time.Clock;
import io.onekey.dispatcher.routing.DispatchCandidates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * What the console needs beyond the plain resources: the providers an operator may send to an
 * alert, ranked by fitness, a provider's own on-duty switch, and who the caller is.
 */
final class ConsoleRoutes {

    private final AlertStore alerts;
    private final Directory directory;
    private final DispatchCandidates candidates;
    private final BearerAuth auth;

    private final LiveFeed feed;
    private final DispatchVerticle dispatcher;
    private final PhoneCalls phoneCalls;
    private final Clock clock;

    ConsoleRoutes(AlertStore alerts, Directory directory, DispatchCandidates candidates, BearerAuth auth, LiveFeed feed,
                  DispatchVerticle dispatcher, PhoneCalls phoneCalls, Clock clock) {
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.phoneCalls = phoneCalls;
        this.clock = clock;
        this.alerts = alerts;
        this.directory = directory;
        this.candidates = candidates;
        this.auth = auth;
    }

    void mount(Router router) {
        router.get("/api/me").handler(ctx -> {
            Principal who = auth.require(ctx, Role.PROVIDER, Role.OPERATOR);
            AlertRoutes.json(ctx, 200, new JsonObject().put("role", who.role().name().toLowerCase(Locale.ROOT))
                    .put("subject", who.subject()));
        });
        router.get("/api/alerts/:id/candidates").handler(this::candidates);
        router.post("/api/alerts").handler(this::phoneIn);
        router.get("/api/operators/online").handler(ctx -> {
            auth.require(ctx, Role.OPERATOR);
            JsonArray items = new JsonArray();
            feed.staffSignedIn().stream().map(p -> p.role().name().toLowerCase(Locale.ROOT) + ":" + p.subject()).distinct().sorted()
                    .forEach(name -> items.add(new JsonObject().put("role", name.split(":", 2)[0]).put("subject", name.split(":", 2)[1])));
            AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
        });
        router.get("/api/providers/:id/duty").handler(ctx -> {
            Provider p = ownOrAdmin(ctx, Role.OPERATOR);
            AlertRoutes.json(ctx, 200, duty(p));
        });
        router.put("/api/providers/:id/duty").handler(this::setDuty);
    }

    private void candidates(RoutingContext ctx) {
        auth.require(ctx, Role.OPERATOR);
        String id = ctx.pathParam("id");
        alerts.get(id).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(DispatchException.notFound("no alert " + id));
                return;
            }
            var alert = found.get();
            GeoPoint where = alert.position() == null ? null : new GeoPoint(alert.position().lat(), alert.position().lon());
            JsonArray items = new JsonArray();
            for (DispatchCandidates.Fitness f : candidates.rank(where, AlertService.serviceOf(alert).orElse(null))) {
                Provider p = f.provider();
                items.add(new JsonObject()
                        .put("providerId", p.id())
                        .put("name", p.name())
                        .put("serviceTypes", new JsonArray(p.serviceTypes().stream().map(Enum::name).sorted().toList()))
                        .put("service", f.service() == null ? null : f.service().name())
                        .put("matchesService", f.matchesService())
                        .put("status", p.status().name())
                        .put("onDuty", f.onDuty())
                        .put("reachable", f.reachable())
                        .put("distanceMeters", Double.isNaN(f.distanceMeters()) ? null : Math.round(f.distanceMeters()))
                        .put("load", f.load())
                        .put("capacity", p.capacity()));
            }
            AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
        }).onFailure(ctx::fail);
    }

    /** An alert or service request for a resident who phoned; answered once it is stored. */
    private void phoneIn(RoutingContext ctx) {
        Actor who = auth.require(ctx, Role.OPERATOR).actor();
        dispatcher.run(() -> {
            JsonObject body = Bodies.object(ctx);
            PhoneCalls.Call call = new PhoneCalls.Call(Bodies.requiredText(body, "residentId"),
                    enumField(body, "kind", AlarmKind.class).orElseThrow(() -> DispatchException.badRequest("at kind: required")),
                    enumField(body, "serviceType", ServiceType.class), body.getString("note"), body.getString("wanted"));
            return phoneCalls.take(call, who);
        }).compose(alert -> alerts.flushed().map(alert))
                .onSuccess(alert -> AlertRoutes.json(ctx, 201, AlertJson.alert(alert, clock.instant())))
                .onFailure(ctx::fail);
    }

    private static <E extends Enum<E>> java.util.Optional<E> enumField(JsonObject body, String name, Class<E> type) {
        Object value = body.getValue(name);
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Enum.valueOf(type, String.valueOf(value).trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw DispatchException.badRequest("at " + name + ": '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** On duty is AVAILABLE, off duty OFF_DUTY; a provider switches itself, an admin anyone. */
    private void setDuty(RoutingContext ctx) {
        Provider p = ownOrAdmin(ctx, Role.ADMIN);
        Object onDuty = Bodies.object(ctx).getValue("onDuty");
        if (!(onDuty instanceof Boolean)) {
            throw DispatchException.badRequest("at onDuty: expected true or false");
        }
        ProviderStatus status = (Boolean) onDuty ? ProviderStatus.AVAILABLE : ProviderStatus.OFF_DUTY;
        Provider changed = new Provider(p.id(), p.name(), p.serviceTypes(), p.base(), p.capacity(), status,
                p.webhookUrl(), p.webhookSecret());
        directory.putProvider(changed);
        directory.saved().onSuccess(v -> AlertRoutes.json(ctx, 200, duty(changed))).onFailure(ctx::fail);
    }

    /** The provider itself, or staff of at least {@code staff}; to other providers it does not exist. */
    private Provider ownOrAdmin(RoutingContext ctx, Role staff) {
        Principal who = auth.require(ctx, Role.PROVIDER, staff);
        String id = ctx.pathParam("id");
        boolean allowed = who.role() == Role.PROVIDER ? who.subject().equals(id) : who.role().covers(staff);
        if (!allowed) {
            throw who.role() == Role.PROVIDER ? DispatchException.notFound("no provider " + id)
                    : DispatchException.forbidden("only the provider itself or an " + staff.name().toLowerCase(Locale.ROOT) + " may do this");
        }
        return directory.provider(id).orElseThrow(() -> DispatchException.notFound("no provider " + id));
    }

    private static JsonObject duty(Provider p) {
        return new JsonObject().put("providerId", p.id()).put("onDuty", p.status() == ProviderStatus.AVAILABLE)
                .put("status", p.status().name());
    }
}
