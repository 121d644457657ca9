package io.onekey.dispatcher.view;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertPosition;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.Offer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** The wire shape of alerts and offers: ISO-8601 times, ids as strings, ages computed now. */
public final class AlertJson {

    private AlertJson() {
    }

    public static JsonObject alert(Alert alert, Instant now) {
        JsonArray history = new JsonArray();
        alert.history().forEach(entry -> history.add(history(entry)));
        JsonArray offers = new JsonArray();
        alert.offers().forEach(offer -> offers.add(offer(offer)));
        return new JsonObject()
                .put("id", alert.id())
                .put("state", alert.state().name())
                .put("priority", alert.priority().name())
                .put("kind", alert.kind().name())
                .put("residentId", alert.residentId())
                .put("deviceId", alert.deviceId())
                .put("protocol", alert.protocol().name())
                .put("rawCode", alert.rawCode())
                .put("position", position(alert.position(), now))
                .put("pressCount", alert.pressCount())
                .put("createdAt", alert.receivedAt().toString())
                .put("lastPressAt", alert.lastPressAt().toString())
                .put("acknowledgedAt", text(alert.timing().acknowledgedAt()))
                .put("ackDeadline", text(alert.timing().ackDeadline()))
                .put("onSceneDeadline", text(alert.timing().onSceneDeadline()))
                .put("closedAt", text(alert.timing().closedAt()))
                .put("flags", new JsonObject()
                        .put("escalated", alert.flags().escalated())
                        .put("unassigned", alert.flags().unassigned())
                        .put("slaBreached", alert.flags().slaBreached())
                        .put("onSceneFar", alert.flags().onSceneFar())
                        .put("delayed", alert.flags().delayed()))
                .put("assignedTo", assignedTo(alert))
                .put("history", history)
                .put("offers", offers);
    }

    /** Whom the alert was last handed to, from its history; null when nobody. */
    private static String assignedTo(Alert alert) {
        String to = null;
        for (var entry : alert.history()) {
            if ("assigned".equals(entry.action())) {
                to = entry.note();
            }
        }
        return to;
    }

    /** Null when nothing is known: an unassigned device that sent no fix. */
    public static JsonObject position(AlertPosition position, Instant now) {
        if (position == null) {
            return null;
        }
        return new JsonObject()
                .put("lat", position.lat())
                .put("lon", position.lon())
                .put("source", position.source())
                .put("fixTime", position.fixTime().toString())
                .put("ageSeconds", Math.max(0, Duration.between(position.fixTime(), now).toSeconds()));
    }

    public static JsonObject offer(Offer offer) {
        return new JsonObject()
                .put("id", offer.id())
                .put("alertId", offer.alertId())
                .put("providerId", offer.providerId())
                .put("state", offer.state().name())
                .put("offeredAt", offer.offeredAt().toString())
                .put("expiresAt", offer.expiresAt().toString())
                .put("distanceMeters", Math.round(offer.distanceMeters()))
                .put("answeredAt", text(offer.answeredAt()));
    }

    /**
     * What a provider is told about one of its offers: {@code offer}, {@code taken},
     * {@code withdrawn}, {@code expired} or {@code job-ended}, with just enough of the alert
     * to act on it.
     */
    public static JsonObject providerMessage(String type, Alert alert, Offer offer, Instant now) {
        return new JsonObject()
                .put("type", type)
                .put("offer", offer(offer))
                .put("alert", new JsonObject()
                        .put("id", alert.id())
                        .put("kind", alert.kind().name())
                        .put("priority", alert.priority().name())
                        .put("residentId", alert.residentId())
                        .put("position", position(alert.position(), now)));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static JsonObject history(HistoryEntry entry) {
        return new JsonObject()
                .put("at", entry.at().toString())
                .put("actor", entry.actor())
                .put("action", entry.action())
                .put("state", entry.state().name())
                .put("note", entry.note());
    }
}
