package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.care.CareDesk;
import io.onekey.dispatcher.care.CareSchedule;
import io.onekey.dispatcher.care.CareTeam;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.error.DispatchException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Scheduled care and care teams: supervisors plan them, operators (and the resident's relatives) read them. */
final class ScheduleRoutes {

    private final CareDesk desk;
    private final BearerAuth auth;
    private final Directory directory;
    private final CareAccess access;

    ScheduleRoutes(CareDesk desk, BearerAuth auth, Directory directory) {
        this.desk = desk;
        this.auth = auth;
        this.directory = directory;
        this.access = new CareAccess(desk.store());
    }

    void mount(Router router) {
        router.get("/api/care/schedules").handler(this::list);
        router.put("/api/care/schedules/:id").handler(this::put);
        router.delete("/api/care/schedules/:id").handler(ctx -> {
            auth.require(ctx, Role.SUPERVISOR);
            desk.store().removeSchedule(ctx.pathParam("id")).onSuccess(found -> {
                if (found) {
                    ctx.response().setStatusCode(204).end();
                } else {
                    ctx.fail(DispatchException.notFound("no schedule " + ctx.pathParam("id")));
                }
            }).onFailure(ctx::fail);
        });
        router.get("/api/care/residents/:id/team").handler(this::team);
        router.put("/api/care/residents/:id/team").handler(this::putTeam);
    }

    private void list(RoutingContext ctx) {
        auth.require(ctx, Role.OPERATOR);
        Optional<String> resident = Optional.ofNullable(ctx.request().getParam("residentId"));
        desk.store().schedules().onSuccess(all -> {
            JsonArray items = new JsonArray();
            all.stream().filter(s -> resident.map(s.residentId()::equals).orElse(true))
                    .sorted(Comparator.comparing(CareSchedule::id)).forEach(s -> items.add(json(s)));
            AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
        }).onFailure(ctx::fail);
    }

    private void put(RoutingContext ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        JsonObject b = Bodies.object(ctx);
        CareSchedule schedule;
        try {
            Set<DayOfWeek> days = new HashSet<>();
            JsonArray names = b.getJsonArray("days");
            for (int i = 0; names != null && i < names.size(); i++) {
                days.add(DayOfWeek.valueOf(names.getString(i).toUpperCase(Locale.ROOT)));
            }
            schedule = new CareSchedule(ctx.pathParam("id"), Bodies.requiredText(b, "residentId"), Bodies.requiredText(b, "type"),
                    days, LocalTime.parse(Bodies.requiredText(b, "at")),
                    b.getString("window") == null ? null : Duration.parse(b.getString("window")),
                    b.getString("zone") == null ? null : ZoneId.of(b.getString("zone")), b.getString("note"));
        } catch (IllegalArgumentException | DateTimeException | ClassCastException e) {
            throw DispatchException.badRequest("a schedule needs residentId, type, at (HH:MM), optional days (MONDAY...),"
                    + " window (ISO-8601 duration), zone and note: " + e.getMessage());
        }
        if (directory.resident(schedule.residentId()).isEmpty()) {
            throw DispatchException.badRequest("residentId: no resident " + schedule.residentId());
        }
        if (desk.catalogue().type(schedule.typeId()).isEmpty()) {
            throw DispatchException.badRequest("type: no service type '" + schedule.typeId() + "' in the catalogue");
        }
        desk.store().putSchedule(schedule).onSuccess(v -> AlertRoutes.json(ctx, 200, json(schedule))).onFailure(ctx::fail);
    }

    private static JsonObject json(CareSchedule s) {
        return new JsonObject().put("id", s.id()).put("residentId", s.residentId()).put("type", s.typeId())
                .put("days", new JsonArray(s.days().stream().sorted().map(Enum::name).toList()))
                .put("at", s.at().toString()).put("window", s.window().toString()).put("zone", s.zone().getId())
                .put("note", s.note());
    }

    private void team(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.FAMILY, Role.OPERATOR);
        String residentId = ctx.pathParam("id");
        access.requireResident(who, residentId, "no resident " + residentId)
                .compose(v -> desk.store().team(residentId))
                .onSuccess(t -> AlertRoutes.json(ctx, 200, json(t.orElse(CareTeam.none(residentId))))).onFailure(ctx::fail);
    }

    private void putTeam(RoutingContext ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        String residentId = ctx.pathParam("id");
        if (directory.resident(residentId).isEmpty()) {
            throw DispatchException.notFound("no resident " + residentId);
        }
        JsonArray members = Bodies.object(ctx).getJsonArray("members");
        CareTeam team;
        try {
            List<CareTeam.Member> list = new ArrayList<>();
            for (int i = 0; members != null && i < members.size(); i++) {
                JsonObject m = members.getJsonObject(i);
                list.add(new CareTeam.Member(m.getString("name"), m.getString("role") == null ? null
                        : CareTeam.Role.valueOf(m.getString("role").toUpperCase(Locale.ROOT).replace('-', '_')),
                        m.getString("phone"), m.getString("providerId")));
            }
            team = new CareTeam(residentId, list);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw DispatchException.badRequest("members: [{name, role: social_worker|volunteer|family|other, phone, providerId}]: "
                    + e.getMessage());
        }
        desk.store().putTeam(team).onSuccess(v -> AlertRoutes.json(ctx, 200, json(team))).onFailure(ctx::fail);
    }

    private static JsonObject json(CareTeam t) {
        JsonArray members = new JsonArray();
        t.members().forEach(m -> members.add(new JsonObject().put("name", m.name())
                .put("role", m.role().name().toLowerCase(Locale.ROOT)).put("phone", m.phone()).put("providerId", m.providerId())));
        return new JsonObject().put("residentId", t.residentId()).put("members", members);
    }
}
