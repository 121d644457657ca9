package io.onekey.dispatcher.api;

import io.onekey.dispatcher.access.Role;

import io.onekey.dispatcher.access.Principal;


import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.notify.WebhookTargets;
import io.onekey.dispatcher.alert.AlertStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Residents, devices and providers at run time: operators read, admins change. Bodies are the
 * directory file's records; a bad field is a 400 naming it. A device's DC-09 key is accepted
 * but never returned.
 */
final class DirectoryRoutes {

    private final Directory directory;
    private final AlertStore alerts;
    private final BearerAuth auth;
    private final Consumer<String> providerRemoved;
    private final WebhookTargets webhookTargets;

    /**
     * @param providerRemoved revokes the tokens (and closes the connections) of a deleted provider
     */
    DirectoryRoutes(Directory directory, AlertStore alerts, BearerAuth auth, WebhookTargets webhookTargets,
                    Consumer<String> providerRemoved) {
        this.webhookTargets = webhookTargets;
        this.directory = directory;
        this.alerts = alerts;
        this.auth = auth;
        this.providerRemoved = providerRemoved;
    }

    void mount(Router router) {
        router.get("/api/residents").handler(ctx -> list(ctx, directoryResidents(), r -> JsonObject.mapFrom(r)));
        router.get("/api/residents/:id").handler(this::resident);
        router.post("/api/residents").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            Resident r = Bodies.as(ctx, Resident.class);
            if (directory.resident(r.id()).isPresent()) {
                throw DispatchException.conflict("resident " + r.id() + " exists; use PUT to change it");
            }
            directory.putResident(r);
            whenSaved(ctx, 201, JsonObject.mapFrom(r));
        });
        router.put("/api/residents/:id").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            Resident body = Bodies.as(ctx, Resident.class);
            Resident r = sameId(ctx, body.id(), body);
            directory.putResident(r);
            whenSaved(ctx, 200, JsonObject.mapFrom(r));
        });
        router.delete("/api/residents/:id").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            if (!directory.devicesOf(ctx.pathParam("id")).isEmpty()) {
                throw DispatchException.conflict("resident " + ctx.pathParam("id") + " still has devices; reassign or delete them first");
            }
            deleted(ctx, directory.removeResident(ctx.pathParam("id")), "resident");
        });

        router.get("/api/devices").handler(ctx -> list(ctx, directory.devices().stream()
                .sorted(Comparator.comparing(Device::id)).toList(), DirectoryRoutes::deviceJson));
        router.get("/api/devices/:id").handler(ctx -> {
            auth.require(ctx, Role.OPERATOR);
            AlertRoutes.json(ctx, 200, deviceJson(device(ctx)));
        });
        router.post("/api/devices").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            Device d = checkedDevice(Bodies.as(ctx, Device.class));
            if (directory.device(d.protocol(), d.id()).isPresent()) {
                throw DispatchException.conflict("device " + d.protocol() + " " + d.id() + " exists; use PUT to change it");
            }
            directory.putDevice(d);
            whenSaved(ctx, 201, deviceJson(d));
        });
        router.put("/api/devices/:id").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            Device body = Bodies.as(keepSecret(ctx, "hasDc09Key", "dc09Key",
                    directory.devicesWithId(ctx.pathParam("id")).stream().findFirst()
                            .map(Device::dc09Key).orElse(null)), Device.class);
            Device d = checkedDevice(sameId(ctx, body.id(), body));
            directory.putDevice(d);
            whenSaved(ctx, 200, deviceJson(d));
        });
        router.delete("/api/devices/:id").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            Device d = device(ctx);
            deleted(ctx, directory.removeDevice(d.protocol(), d.id()), "device");
        });

        router.get("/api/providers").handler(ctx -> list(ctx, directory.providers().stream()
                .sorted(Comparator.comparing(Provider::id)).toList(), DirectoryRoutes::providerJson));
        router.get("/api/providers/:id").handler(ctx -> {
            auth.require(ctx, Role.OPERATOR);
            Provider p = directory.provider(ctx.pathParam("id")).orElseThrow(() -> notFound("provider", ctx));
            AlertRoutes.json(ctx, 200, providerJson(p));
        });
        router.post("/api/providers").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            Provider p = checkedProvider(Bodies.as(ctx, Provider.class));
            if (directory.provider(p.id()).isPresent()) {
                throw DispatchException.conflict("provider " + p.id() + " exists; use PUT to change it");
            }
            directory.putProvider(p);
            whenSaved(ctx, 201, providerJson(p));
        });
        router.put("/api/providers/:id").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            Provider body = Bodies.as(keepSecret(ctx, "hasWebhookSecret", "webhookSecret",
                    directory.provider(ctx.pathParam("id")).map(Provider::webhookSecret).orElse(null)), Provider.class);
            checkedProvider(body);
            directory.putProvider(sameId(ctx, body.id(), body));
            whenSaved(ctx, 200, providerJson(body));
        });
        router.delete("/api/providers/:id").handler(ctx -> {
            auth.require(ctx, Role.ADMIN);
            boolean removed = directory.removeProvider(ctx.pathParam("id"));
            if (removed) {
                providerRemoved.accept(ctx.pathParam("id"));
            }
            deleted(ctx, removed, "provider");
        });
    }

    /**
     * Operators read any resident; a provider only one it has been offered a job for (an open
     * alert with its pending or accepted offer): it needs the address and the medical notes.
     * To any other provider the resident does not exist.
     */
    private void resident(RoutingContext ctx) {
        Principal who = auth.require(ctx, Role.PROVIDER, Role.OPERATOR);
        String id = ctx.pathParam("id");
        Resident r = directory.resident(id).orElseThrow(() -> notFound("resident", ctx));
        if (who.role() != Role.PROVIDER) {
            AlertRoutes.json(ctx, 200, JsonObject.mapFrom(r));
            return;
        }
        alerts.ofProvider(who.subject()).onSuccess(jobs -> {
            if (jobs.stream().anyMatch(a -> id.equals(a.residentId()))) {
                AlertRoutes.json(ctx, 200, JsonObject.mapFrom(r));
            } else {
                ctx.fail(notFound("resident", ctx));
            }
        }).onFailure(ctx::fail);
    }

    /**
     * Secrets are never shown, so a client that reads, edits and writes back cannot send them:
     * a PUT without the secret keeps the one stored, and the read-only {@code has...} marker is dropped.
     */
    private static String keepSecret(RoutingContext ctx, String marker, String field, String stored) {
        JsonObject body = Bodies.object(ctx);
        body.remove(marker);
        if (!body.containsKey(field) && stored != null) {
            body.put(field, stored);
        }
        return body.encode();
    }

    private List<Resident> directoryResidents() {
        return directory.residents().stream().sorted(Comparator.comparing(Resident::id)).toList();
    }

    private <T> void list(RoutingContext ctx, List<T> all, Function<T, JsonObject> json) {
        auth.require(ctx, Role.OPERATOR);
        JsonArray items = new JsonArray();
        all.forEach(item -> items.add(json.apply(item)));
        AlertRoutes.json(ctx, 200, new JsonObject().put("items", items).putNull("next"));
    }

    private Device device(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String protocol = ctx.request().getParam("protocol");
        List<Device> matches = directory.devicesWithId(id).stream()
                .filter(d -> protocol == null || d.protocol().name().equalsIgnoreCase(protocol))
                .toList();
        if (matches.isEmpty()) {
            throw notFound("device", ctx);
        }
        if (matches.size() > 1) {
            throw DispatchException.conflict("device id " + id + " exists for several protocols; add ?protocol=");
        }
        return matches.get(0);
    }

    /** A provider whose webhook may be called: never a private or local address unless allowed. */
    private Provider checkedProvider(Provider p) {
        if (p.webhookUrl() != null) {
            webhookTargets.refusal(p.webhookUrl()).ifPresent(reason -> {
                throw DispatchException.badRequest(reason);
            });
        }
        return p;
    }

    private Device checkedDevice(Device d) {
        if (d.residentId() != null && directory.resident(d.residentId()).isEmpty()) {
            throw DispatchException.badRequest("residentId: no resident " + d.residentId());
        }
        return d;
    }

    private static <T> T sameId(RoutingContext ctx, String bodyId, T body) {
        if (!ctx.pathParam("id").equals(bodyId)) {
            throw DispatchException.badRequest("id: the body's id " + bodyId + " differs from the path's " + ctx.pathParam("id"));
        }
        return body;
    }

    private void deleted(RoutingContext ctx, boolean removed, String what) {
        if (!removed) {
            throw notFound(what, ctx);
        }
        directory.saved().onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    /** Answers once the change is durable: a directory change the caller was told of survives a crash. */
    private void whenSaved(RoutingContext ctx, int status, JsonObject body) {
        directory.saved().onSuccess(v -> AlertRoutes.json(ctx, status, body)).onFailure(ctx::fail);
    }

    private static DispatchException notFound(String what, RoutingContext ctx) {
        return DispatchException.notFound("no " + what + " " + ctx.pathParam("id"));
    }

    /** A provider as the API shows it: never its webhook secret. */
    static JsonObject providerJson(Provider p) {
        JsonObject json = JsonObject.mapFrom(p);
        json.remove("webhookSecret");
        return json.put("hasWebhookSecret", p.webhookSecret() != null);
    }

    /** A device as the API shows it: never its key. */
    static JsonObject deviceJson(Device d) {
        return new JsonObject()
                .put("id", d.id())
                .put("protocol", d.protocol().name())
                .put("type", d.type().name())
                .put("residentId", d.residentId())
                .put("heartbeatIntervalSeconds", d.heartbeatIntervalSeconds())
                .put("hasDc09Key", d.dc09Key() != null);
    }

}
