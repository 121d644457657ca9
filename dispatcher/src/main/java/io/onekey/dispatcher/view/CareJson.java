package io.onekey.dispatcher.view;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.care.CareOffer;
import io.onekey.dispatcher.care.CareRequest;
import io.onekey.dispatcher.care.CareStep;
import io.onekey.dispatcher.care.CareType;
import io.onekey.dispatcher.care.FamilyMember;
import io.onekey.dispatcher.care.ProviderStaff;
import io.onekey.dispatcher.care.Rating;
import io.onekey.dispatcher.care.Worker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/** The care records as the API shows them: ISO times, ISO-8601 durations, lower-case names. */
public final class CareJson {

    private CareJson() {
    }

    public static JsonObject type(CareType t) {
        return new JsonObject().put("id", t.id()).put("name", t.name()).put("category", lower(t.category()))
                .put("providerType", t.providerType().name()).put("circleMeters", t.circleMeters())
                .put("arrivalTarget", t.arrivalTarget().toString()).put("offerLead", t.offerLead().toString())
                .put("lane", lower(t.lane()));
    }

    /** @param forFamily leaves out which provider was tried and declined: that is the call centre's business */
    public static JsonObject request(CareRequest r, boolean forFamily) {
        JsonObject json = new JsonObject().put("id", r.id()).put("residentId", r.residentId()).put("type", r.typeId())
                .put("lane", lower(r.lane())).put("windowStart", r.windowStart().toString())
                .put("windowEnd", r.windowEnd().toString()).put("channel", lower(r.channel()))
                .put("note", r.note()).put("state", r.state().name()).put("createdAt", r.createdAt().toString())
                .put("offerAt", r.offerAt().toString()).put("arriveBy", r.arriveBy().toString())
                .put("providerId", r.providerId()).put("workerId", r.workerId())
                .put("arrivedAt", time(r.arrivedAt())).put("completedAt", time(r.completedAt()))
                .put("onTime", r.onTime().orElse(null)).put("late", r.lateFlagged());
        if (forFamily) {
            return json;
        }
        json.put("requestedBy", r.requestedBy()).put("arrivalDistanceMeters", r.arrivalDistanceMeters());
        JsonArray offers = new JsonArray();
        for (CareOffer o : r.offers()) {
            offers.add(new JsonObject().put("providerId", o.providerId()).put("state", o.state().name())
                    .put("offeredAt", o.offeredAt().toString()).put("expiresAt", o.expiresAt().toString())
                    .put("distanceMeters", Math.round(o.distanceMeters())));
        }
        JsonArray history = new JsonArray();
        for (CareStep s : r.history()) {
            history.add(new JsonObject().put("at", s.at().toString()).put("actor", s.actor()).put("action", s.action())
                    .put("note", s.note()));
        }
        return json.put("offers", offers).put("history", history);
    }

    public static JsonObject staff(ProviderStaff staff) {
        JsonArray workers = new JsonArray();
        for (Worker w : staff.workers()) {
            workers.add(new JsonObject().put("id", w.id()).put("name", w.name()));
        }
        return new JsonObject().put("providerId", staff.providerId()).put("workers", workers);
    }

    /** Never the webhook secret. */
    public static JsonObject family(FamilyMember f) {
        return new JsonObject().put("id", f.id()).put("name", f.name()).put("residentIds", new JsonArray(f.residentIds()))
                .put("email", f.email()).put("webhookUrl", f.webhookUrl()).put("hasWebhookSecret", f.webhookSecret() != null);
    }

    public static JsonObject rating(Rating r) {
        return new JsonObject().put("requestId", r.requestId()).put("residentId", r.residentId())
                .put("providerId", r.providerId()).put("workerId", r.workerId()).put("stars", r.stars())
                .put("comment", r.comment()).put("ratedBy", r.ratedBy()).put("ratedAt", r.ratedAt().toString());
    }

    /** An alert as a relative sees it: what, when, where and how far along; not the call centre's notes. */
    public static JsonObject alertForFamily(Alert a, Instant now) {
        JsonObject json = new JsonObject().put("id", a.id()).put("kind", a.kind().name()).put("priority", a.priority().name())
                .put("state", a.state().name()).put("receivedAt", a.receivedAt().toString());
        if (a.position() != null) {
            json.put("position", AlertJson.position(a.position(), now));
        }
        return json;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
