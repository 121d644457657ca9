package io.onekey.dispatcher.api;

import io.onekey.device.event.Position;
import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.access.Tokens;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.alert.AlertSubjects;
import io.onekey.dispatcher.care.CareDesk;
import io.onekey.dispatcher.care.CareRequest;
import io.onekey.dispatcher.care.CareState;
import io.onekey.dispatcher.care.EmergencyHandOff;
import io.onekey.dispatcher.care.FamilyMember;
import io.onekey.dispatcher.care.Rating;
import io.onekey.dispatcher.care.ResidentPreferences;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.engine.DispatchVerticle;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.view.AlertJson;
import io.onekey.dispatcher.view.CareJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Relatives and residents' choices: family members (admin), the family page's data (a relative
 * sees the residents it follows and nobody else), exclusions, ratings, and the operator's
 * hand-off to emergency services.
 */
public final class FamilyRoutes {

    private static final int SERVICES_SHOWN = 20;

    private final CareDesk desk;
    private final EmergencyHandOff handOff;
    private final DispatchVerticle dispatcher;
    private final BearerAuth auth;
    private final Directory directory;
    private final DeviceStates deviceStates;
    private final AlertStore alerts;
    private final Tokens tokens;
    private final Clock clock;
    private final CareAccess access;

    FamilyRoutes(CareDesk desk, EmergencyHandOff handOff, DispatchVerticle dispatcher, BearerAuth auth, Directory directory,
                 DeviceStates deviceStates, AlertStore alerts, Tokens tokens, Clock clock) {
        this.desk = desk;
        this.handOff = handOff;
        this.dispatcher = dispatcher;
        this.auth = auth;
        this.directory = directory;
        this.deviceStates = deviceStates;
        this.alerts = alerts;
        this.tokens = tokens;
        this.clock = clock;
        this.access = new CareAccess(desk.store());
    }

    void mount(Router router) {
        router.get("/api/care/family").handler(this::families);
        router.put("/api/care/family/:id").handler(this::putFamily);
        router.delete("/api/care/family/:id").handler(this::deleteFamily);
        router.post("/api/care/family/:id/tokens").handler(this::familyToken);
        router.get("/api/family/residents").handler(this::familyPage);
        router.get("/api/care/residents/:id/preferences").handler(this::preferences);
        router.put("/api/care/residents/:id/preferences").handler(this::putPreferences);
        router.post("/api/care/requests/:id/rating").handler(this::rate);
        router.get("/api/care/ratings").handler(this::ratings);
        router.post("/api/alerts/:id/emergency-services").handler(ctx -> {
            Principal who = auth.require(ctx, Role.OPERATOR);
            dispatcher.run(() -> handOff.handOffNow(ctx.pathParam("id"), who.actor()))
                    .onSuccess(a -> AlertRoutes.json(ctx, 200, AlertJson.alert(a, clock.instant()))).onFailure(ctx::fail);
        });
    }

    // ---- family members

    private void families(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        desk.store().families().onSuccess(all -> {
            JsonArray items = new JsonArray();
            all.stream().sorted(Comparator.comparing(FamilyMember::id)).forEach(f -> items.add(CareJson.family(f)));
            AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
        }).onFailure(ctx::fail);
    }

    private void putFamily(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        JsonObject b = Bodies.object(ctx);
        FamilyMember member;
        try {
            JsonArray ids = b.getJsonArray("residentIds");
            List<String> residents = new ArrayList<>();
            for (int i = 0; ids != null && i < ids.size(); i++) {
                residents.add(ids.getString(i));
            }
            member = new FamilyMember(ctx.pathParam("id"), b.getString("name"), residents, b.getString("email"),
                    b.getString("webhookUrl"), b.getString("webhookSecret"));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw DispatchException.badRequest(e.getMessage());
        }
        for (String residentId : member.residentIds()) {
            if (directory.resident(residentId).isEmpty()) {
                throw DispatchException.badRequest("residentIds: no resident " + residentId);
            }
        }
        desk.store().putFamily(member).onSuccess(v -> AlertRoutes.json(ctx, 200, CareJson.family(member))).onFailure(ctx::fail);
    }

    /** A relative removed loses its tokens at once. */
    private void deleteFamily(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        String id = ctx.pathParam("id");
        desk.store().removeFamily(id).compose(found -> tokens.revokeAll(Role.FAMILY, id).map(found)).onSuccess(found -> {
            if (found) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.fail(DispatchException.notFound("no family member " + id));
            }
        }).onFailure(ctx::fail);
    }

    private void familyToken(RoutingContext ctx) {
        auth.require(ctx, Role.ADMIN);
        String id = ctx.pathParam("id");
        desk.store().families().compose(all -> {
            if (all.stream().noneMatch(f -> f.id().equals(id))) {
                throw DispatchException.notFound("no family member " + id);
            }
            return tokens.create(Role.FAMILY, id);
        }).onSuccess(issued -> AlertRoutes.json(ctx, 201, new JsonObject().put("id", issued.principal().tokenId())
                .put("token", issued.token()).put("role", "family").put("subject", id))).onFailure(ctx::fail);
    }

    // ---- the family page

    /** Each followed resident: status, last position and its age, open alerts, services open and done. */
    private void familyPage(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.FAMILY);
        access.member(who).compose(member -> {
            List<String> followed = member.map(FamilyMember::residentIds).orElse(List.of());
            return desk.store().requests().compose(requests -> {
                Future<JsonArray> items = Future.succeededFuture(new JsonArray());
                for (String residentId : followed) {
                    Optional<Resident> resident = directory.resident(residentId);
                    if (resident.isEmpty()) {
                        continue;
                    }
                    items = items.compose(array -> residentCard(resident.get(), requests).map(array::add));
                }
                return items;
            });
        }).onSuccess(items -> AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next")))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> residentCard(Resident r, List<CareRequest> requests) {
        JsonObject card = new JsonObject().put("id", r.id()).put("name", r.name()).put("address", r.address());
        lastFix(r.id()).ifPresent(p -> card.put("lastPosition", new JsonObject().put("lat", p.lat()).put("lon", p.lon())
                .put("source", p.source().name()).put("at", p.fixTime().toString())
                .put("ageSeconds", Math.max(0, Duration.between(p.fixTime(), clock.instant()).toSeconds()))));
        lastSeen(r.id()).ifPresent(seen -> card.put("terminalLastSeen", seen.toString()));
        JsonArray open = new JsonArray();
        JsonArray done = new JsonArray();
        requests.stream().filter(q -> q.residentId().equals(r.id()))
                .sorted(Comparator.comparing(CareRequest::windowStart).reversed())
                .forEach(q -> (q.state().isOpen() ? open : done).add(CareJson.request(q, true)));
        card.put("services", open).put("completedServices", new JsonArray(done.stream()
                .filter(o -> CareState.COMPLETED.name().equals(((JsonObject) o).getString("state")))
                .limit(SERVICES_SHOWN).toList()));
        return alerts.openOf(AlertSubjects.of(r.id(), null, null)).map(list -> {
            JsonArray openAlerts = new JsonArray();
            list.forEach(a -> openAlerts.add(CareJson.alertForFamily(a, clock.instant())));
            return card.put("openAlerts", openAlerts).put("status", list.isEmpty() ? "ok" : "alert");
        });
    }

    private Optional<Position> lastFix(String residentId) {
        return devicesOf(residentId).stream().map(d -> deviceStates.get(d.protocol(), d.id()))
                .flatMap(Optional::stream).map(DeviceState::lastFix).flatMap(Optional::stream)
                .max(Comparator.comparing(Position::fixTime));
    }

    private Optional<java.time.Instant> lastSeen(String residentId) {
        return devicesOf(residentId).stream().map(d -> deviceStates.get(d.protocol(), d.id()))
                .flatMap(Optional::stream).map(DeviceState::lastSeen).max(Comparator.naturalOrder());
    }

    private List<Device> devicesOf(String residentId) {
        return List.copyOf(directory.devicesOf(residentId));
    }

    // ---- choices and feedback

    private void preferences(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.FAMILY, Role.OPERATOR);
        String residentId = ctx.pathParam("id");
        access.requireResident(who, residentId, "no resident " + residentId)
                .compose(v -> desk.store().preferences(residentId))
                .onSuccess(p -> AlertRoutes.json(ctx, 200, preferencesJson(p.orElse(ResidentPreferences.none(residentId)))))
                .onFailure(ctx::fail);
    }

    private void putPreferences(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.FAMILY, Role.OPERATOR);
        String residentId = ctx.pathParam("id");
        JsonObject b = Bodies.object(ctx);
        ResidentPreferences prefs = new ResidentPreferences(residentId, strings(b, "excludedProviders"),
                strings(b, "excludedWorkers"));
        access.requireResident(who, residentId, "no resident " + residentId)
                .compose(v -> desk.store().putPreferences(prefs))
                .onSuccess(v -> AlertRoutes.json(ctx, 200, preferencesJson(prefs))).onFailure(ctx::fail);
    }

    private static JsonObject preferencesJson(ResidentPreferences p) {
        return new JsonObject().put("residentId", p.residentId())
                .put("excludedProviders", new JsonArray(p.excludedProviders().stream().sorted().toList()))
                .put("excludedWorkers", new JsonArray(p.excludedWorkers().stream().sorted().toList()));
    }

    private static Set<String> strings(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof String))) {
            throw DispatchException.badRequest(field + " must be an array of ids");
        }
        Set<String> ids = new HashSet<>();
        array.forEach(v -> ids.add((String) v));
        return ids;
    }

    /** One rating per completed request, by the resident's relative or an operator taking it on the phone. */
    private void rate(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.FAMILY, Role.OPERATOR);
        String id = ctx.pathParam("id");
        JsonObject b = Bodies.object(ctx);
        if (!(b.getValue("stars") instanceof Integer stars)) {
            throw DispatchException.badRequest("stars is a required whole number, 1 to 5");
        }
        String comment = CareRoutes.optionalText(b, "comment");
        desk.store().request(id).compose(found -> {
            CareRequest r = found.orElseThrow(() -> DispatchException.notFound("no service request " + id));
            return access.requireResident(who, r.residentId(), "no service request " + id).map(r);
        }).compose(r -> {
            if (r.state() != CareState.COMPLETED) {
                throw DispatchException.conflict("request " + id + " is " + r.state() + "; only a completed service is rated");
            }
            Rating rating;
            try {
                rating = new Rating(id, r.residentId(), r.providerId(), r.workerId(), stars, comment, who.actor().name(),
                        clock.instant());
            } catch (IllegalArgumentException e) {
                throw DispatchException.badRequest(e.getMessage());
            }
            return desk.store().ratings().compose(all -> {
                if (all.stream().anyMatch(x -> x.requestId().equals(id))) {
                    throw DispatchException.conflict("request " + id + " was already rated");
                }
                return desk.store().putRating(rating).map(rating);
            });
        }).onSuccess(rating -> AlertRoutes.json(ctx, 201, CareJson.rating(rating))).onFailure(ctx::fail);
    }

    /** Per provider: how many ratings, their average, and the ratings themselves (newest first). */
    private void ratings(RoutingContext ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        Optional<String> provider = Optional.ofNullable(ctx.request().getParam("providerId"));
        desk.store().ratings().onSuccess(all -> {
            Map<String, List<Rating>> byProvider = new TreeMap<>();
            all.stream().filter(r -> r.providerId() != null && provider.map(r.providerId()::equals).orElse(true))
                    .forEach(r -> byProvider.computeIfAbsent(r.providerId(), k -> new ArrayList<>()).add(r));
            JsonArray groups = new JsonArray();
            byProvider.forEach((id, list) -> {
                JsonArray items = new JsonArray();
                list.stream().sorted(Comparator.comparing(Rating::ratedAt).reversed()).forEach(r -> items.add(CareJson.rating(r)));
                groups.add(new JsonObject().put("providerId", id).put("count", list.size())
                        .put("average", list.stream().mapToInt(Rating::stars).average().orElse(0)).put("ratings", items));
            });
            AlertRoutes.json(ctx, 200, new JsonObject().put("items", groups).putNull("next"));
        }).onFailure(ctx::fail);
    }
}
