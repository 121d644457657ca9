package io.onekey.dispatcher.care;

import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.Actor;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.device.DeviceCommands;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.error.DispatchException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 120 hand-off: an alarm of a configured kind (a fall, a medical alarm, an SOS) that no
 * crew has accepted within the configured time, or that an operator hands over at once, goes
 * to the emergency-services integration with the resident's record and position. The hand-off
 * is written into the alert's history before it is sent, and its answer after, so an alert is
 * handed off once and everyone sees when and how it went.
 */
public final class EmergencyHandOff {

    private static final Logger log = LoggerFactory.getLogger(EmergencyHandOff.class);
    /** The history action that marks an alert as handed off. */
    public static final String ACTION = "emergency-services";
    /** The history action of the ring sent to the terminal on a hand-off. */
    public static final String RING = "ring";
    /** Alerts older than this are not looked at: a hand-off is for the minutes after a press. */
    private static final Duration LOOK_BACK = Duration.ofHours(6);

    /**
     * @param kinds the alarm kinds handed off automatically
     * @param after how long without an accepting crew before the automatic hand-off; empty: only by hand
     */
    public record Settings(Set<AlarmKind> kinds, Optional<Duration> after) {

        public Settings {
            kinds = Set.copyOf(kinds);
        }

        public static Settings defaults() {
            return new Settings(Set.of(AlarmKind.FALL, AlarmKind.MEDICAL, AlarmKind.SOS), Optional.of(Duration.ofMinutes(5)));
        }
    }

    /** The integration: sends the alert with the resident's record; completes with its answer in words. */
    @FunctionalInterface
    public interface Link {
        Future<String> send(Alert alert, Optional<Resident> resident, String reason);
    }

    /** Writes a line into an alert's history. */
    @FunctionalInterface
    public interface Notes {
        Future<Void> note(String alertId, String action, String text);
    }

    private final AlertStore alerts;
    private final Directory directory;
    private final Clock clock;
    private final Settings settings;
    private final Optional<Link> link;
    private final Notes notes;
    private final Notes answers;
    private final Set<String> underWay = new HashSet<>();
    private final DeviceCommands commands;

    /**
     * @param link    empty when no integration is configured: an operator's hand-off is then refused
     * @param notes   writes in the unit of work under way (the hand-off's own line)
     * @param answers writes later, when the answer comes (a unit of work of its own)
     * @param commands rings the alert's terminal, where its protocol can, so the crew finds the resident
     */
    public EmergencyHandOff(AlertStore alerts, Directory directory, Clock clock, Settings settings, Optional<Link> link,
                            Notes notes, Notes answers, DeviceCommands commands) {
        this.commands = commands;
        this.alerts = alerts;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.link = link;
        this.notes = notes;
        this.answers = answers;
    }

    public boolean configured() {
        return link.isPresent();
    }

    /** Hands off the open alerts of the configured kinds no crew accepted in time. */
    public Future<Void> check() {
        if (link.isEmpty() || settings.after().isEmpty()) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        Duration after = settings.after().get();
        return alerts.receivedBetween(now.minus(LOOK_BACK), now).compose(recent -> {
            Future<Void> chain = Future.succeededFuture();
            for (Alert a : recent) {
                if (a.state().isOpen() && settings.kinds().contains(a.kind()) && a.acceptedOffer().isEmpty()
                        && !a.receivedAt().plus(after).isAfter(now) && !handedOff(a)) {
                    String reason = "no crew accepted within " + after.toMinutes() + " min";
                    chain = chain.compose(v -> handOff(a, reason).<Void>mapEmpty().recover(e -> Future.succeededFuture()));
                }
            }
            return chain;
        });
    }

    /** An operator's click: hands the alert off now, whatever its kind; once only. */
    public Future<Alert> handOffNow(String alertId, Actor who) {
        if (link.isEmpty()) {
            return Future.failedFuture(new DispatchException(503, "Service Unavailable",
                    "no emergency-services integration is configured (care.handOff.url)"));
        }
        return alerts.get(alertId).compose(found -> {
            Alert a = found.orElseThrow(() -> DispatchException.notFound("no alert " + alertId));
            if (!a.state().isOpen()) {
                throw DispatchException.conflict("alert " + alertId + " is " + a.state());
            }
            if (handedOff(a)) {
                throw DispatchException.conflict("alert " + alertId + " was already handed to emergency services");
            }
            return handOff(a, "by " + who.name()).compose(v -> alerts.get(alertId)).map(Optional::orElseThrow);
        });
    }

    private boolean handedOff(Alert a) {
        return underWay.contains(a.id()) || a.history().stream().anyMatch(h -> h.action().equals(ACTION));
    }

    private Future<Void> handOff(Alert a, String reason) {
        underWay.add(a.id());
        Optional<Resident> resident = Optional.ofNullable(a.residentId()).flatMap(directory::resident);
        log.info("alert {} handed to emergency services: {}", a.id(), reason);
        return notes.note(a.id(), ACTION, "handed to emergency services (120): " + reason).onSuccess(v -> {
            link.get().send(a, resident, reason).onComplete(answer -> answers.note(a.id(), ACTION,
                    answer.succeeded() ? "emergency services answered: " + answer.result()
                            : "emergency services not reached: " + answer.cause().getMessage())
                    .onComplete(x -> underWay.remove(a.id())));
            ring(a);
        });
    }

    /**
     * Asks the alert's terminal to ring, where its protocol has such a command (a watch's FIND):
     * the resident hears help is coming and the crew at the door hears where the resident is.
     * Its outcome goes into the history; whatever it is, the hand-off stands.
     */
    private void ring(Alert a) {
        if (a.deviceId() == null || a.protocol() == null || !DeviceCommand.RING.supportedBy(a.protocol())) {
            return;
        }
        commands.send(a.protocol(), a.deviceId(), DeviceCommand.RING)
                .recover(e -> Future.succeededFuture(CommandOutcome.NOT_CONNECTED))
                .compose(outcome -> answers.note(a.id(), RING, "ring the terminal: " + outcome.words()))
                .onFailure(e -> log.warn("alert {}: the ring's outcome was not recorded: {}", a.id(), e.getMessage()));
    }
}
