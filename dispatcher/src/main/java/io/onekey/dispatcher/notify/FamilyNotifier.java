package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChange;
import io.onekey.dispatcher.alert.AlertChangeListener;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.care.CareStore;
import io.onekey.dispatcher.care.FamilyMember;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the relatives who follow a resident of a life-threatening alarm and of its end, by
 * signed webhook and by e-mail, from the saved change. Nothing here can delay or fail the
 * alert: the sends run on their own. One that fails (the relative's app or mail server down a
 * moment) is sent again after the retry delay, doubling, {@value #ATTEMPTS} attempts in all;
 * each failure is logged with the alert's id. Retries are held in memory: a restart drops them.
 */
public final class FamilyNotifier implements AlertChangeListener {

    private static final Logger log = LoggerFactory.getLogger(FamilyNotifier.class);
    static final int ATTEMPTS = 5;

    private final Vertx vertx;
    private final Duration retryAfter;
    private final CareStore care;
    private final Directory directory;
    private final SignedPost webhooks;
    private final Optional<FamilyMail> mail;

    public FamilyNotifier(Vertx vertx, CareStore care, Directory directory, SignedPost webhooks, Optional<FamilyMail> mail,
                          Duration retryAfter) {
        this.vertx = vertx;
        this.retryAfter = retryAfter;
        this.care = care;
        this.directory = directory;
        this.webhooks = webhooks;
        this.mail = mail;
    }

    @Override
    public void changed(AlertChange change) {
        Alert alert = change.after();
        if (alert.priority() != Priority.P1 || alert.residentId() == null || !(change.opened() || change.closed())) {
            return;
        }
        String event = change.opened() ? "alarm" : alert.state().name().toLowerCase(Locale.ROOT);
        care.families().onSuccess(families -> families.stream().filter(f -> f.follows(alert.residentId()))
                .forEach(f -> tell(f, alert, event)))
                .onFailure(e -> log.warn("alert {}: relatives not told: {}", alert.id(), e.getMessage()));
    }

    private void tell(FamilyMember member, Alert alert, String event) {
        String name = directory.resident(alert.residentId()).map(Resident::name).orElse(alert.residentId());
        if (member.webhookUrl() != null) {
            JsonObject message = new JsonObject().put("type", event).put("alertId", alert.id())
                    .put("residentId", alert.residentId()).put("residentName", name)
                    .put("kind", alert.kind().name()).put("priority", alert.priority().name())
                    .put("state", alert.state().name()).put("receivedAt", alert.receivedAt().toString());
            if (alert.position() != null) {
                message.put("position", new JsonObject().put("lat", alert.position().lat()).put("lon", alert.position().lon()));
            }
            sendWithRetries("alert " + alert.id() + ": webhook to relative " + member.id(), 1,
                    () -> webhooks.post(member.webhookUrl(), member.webhookSecret(), message).compose(r -> r.ok()
                            ? Future.succeededFuture()
                            : Future.failedFuture(r.status() >= 400 && r.status() < 500 && r.status() != 408 && r.status() != 429
                                    ? new Refused("HTTP " + r.status()) : new IllegalStateException("HTTP " + r.status()))));
        }
        if (member.email() != null && mail.isPresent()) {
            String kind = alert.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            String subject = event.equals("alarm") ? "OneKey: " + kind + " alarm for " + name
                    : "OneKey: the " + kind + " alarm for " + name + " is " + event;
            String text = "Dear " + member.name() + ",\n\n"
                    + (event.equals("alarm")
                    ? name + " raised a " + kind + " alarm at " + alert.receivedAt() + ". The call centre is handling it."
                    : "The " + kind + " alarm " + name + " raised at " + alert.receivedAt() + " is " + event + ".")
                    + "\n\nAlert " + alert.id() + ". Follow it on the family page.\n";
            sendWithRetries("alert " + alert.id() + ": e-mail to relative " + member.id(), 1,
                    () -> mail.get().send(member.email(), subject, text));
        }
    }

    private void sendWithRetries(String what, int attempt, Supplier<Future<?>> send) {
        Future<?> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onFailure(e -> {
            if (e instanceof Refused) {
                log.warn("{} refused, not sent again: {}", what, e.getMessage()); // the relative's app said no: its URL or secret is wrong
                return;
            }
            if (attempt >= ATTEMPTS) {
                log.warn("{} failed, attempt {}, given up: {}", what, attempt, e.getMessage());
                return;
            }
            Duration delay = retryAfter.multipliedBy(1L << (attempt - 1));
            log.warn("{} failed, attempt {}, again in {} s: {}", what, attempt, delay.toSeconds(), e.getMessage());
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> sendWithRetries(what, attempt + 1, send));
        });
    }

    /** A 4xx answer (but 408 and 429): sending the same again would get the same. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
