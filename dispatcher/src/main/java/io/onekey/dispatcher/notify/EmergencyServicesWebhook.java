package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.care.EmergencyHandOff;
import io.onekey.dispatcher.directory.EmergencyContact;
import io.onekey.dispatcher.directory.Resident;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The emergency-services integration as a signed webhook: the alert, the resident's record
 * (address, medical notes, contacts) and the position with its age. The answer (status and the
 * start of the body, typically an incident number) goes into the alert's history.
 */
public final class EmergencyServicesWebhook implements EmergencyHandOff.Link {

    private static final int ANSWER_CHARS = 200;

    private final SignedPost post;
    private final String url;
    private final String secret;
    private final Clock clock;

    public EmergencyServicesWebhook(SignedPost post, String url, String secret, Clock clock) {
        this.post = post;
        this.url = url;
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public Future<String> send(Alert alert, Optional<Resident> resident, String reason) {
        return post.post(url, secret, message(alert, resident, reason)).map(answer -> {
            String body = answer.body() == null ? "" : answer.body().strip();
            String text = "HTTP " + answer.status() + (body.isEmpty() ? "" : ": "
                    + (body.length() > ANSWER_CHARS ? body.substring(0, ANSWER_CHARS) + "..." : body));
            if (!answer.ok()) {
                throw new IllegalStateException(text);
            }
            return text;
        });
    }

    JsonObject message(Alert alert, Optional<Resident> resident, String reason) {
        JsonObject m = new JsonObject().put("type", "handoff").put("alertId", alert.id()).put("kind", alert.kind().name())
                .put("priority", alert.priority().name()).put("state", alert.state().name())
                .put("receivedAt", alert.receivedAt().toString()).put("pressCount", alert.pressCount())
                .put("deviceId", alert.deviceId()).put("reason", reason);
        if (alert.position() != null) {
            JsonObject p = new JsonObject().put("lat", alert.position().lat()).put("lon", alert.position().lon())
                    .put("source", alert.position().source());
            if (alert.position().fixTime() != null) {
                p.put("ageSeconds", Math.max(0, Duration.between(alert.position().fixTime(), clock.instant()).toSeconds()));
            }
            m.put("position", p);
        }
        resident.ifPresent(r -> {
            JsonArray contacts = new JsonArray();
            for (EmergencyContact c : r.emergencyContacts()) {
                contacts.add(new JsonObject().put("name", c.name()).put("relation", c.relation()).put("phone", c.phone()));
            }
            m.put("resident", new JsonObject().put("id", r.id()).put("name", r.name()).put("address", r.address())
                    .put("home", new JsonObject().put("lat", r.home().lat()).put("lon", r.home().lon()))
                    .put("medicalNotes", r.medicalNotes()).put("emergencyContacts", contacts));
        });
        return m;
    }
}
