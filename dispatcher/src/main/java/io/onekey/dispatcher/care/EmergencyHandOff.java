package io.onekey.dispatcher.care;

import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.Actor;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertStore;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.device.DeviceCommands;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.flow.OneByOne;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    /** How the answer lines of the history begin: one that reached emergency services, one that did not. */
    static final String ANSWERED = "emergency services answered: ";
    static final String NOT_REACHED = "emergency services not reached";

    /**
     * @param kinds      the alarm kinds handed off automatically
     * @param after      how long without an accepting crew before the automatic hand-off; empty: only by hand
     * @param retryAfter how long after a hand-off that did not reach emergency services it is sent again;
     *                   each further failure doubles the wait, up to five minutes
     */
    public record Settings(Set<AlarmKind> kinds, Optional<Duration> after, Duration retryAfter) {

        public Settings {
            kinds = Set.copyOf(kinds);
            if (retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive");
            }
        }

        public Settings(Set<AlarmKind> kinds, Optional<Duration> after) {
            this(kinds, after, DEFAULT_RETRY);
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
        if (link.isEmpty()) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        return alerts.receivedBetween(now.minus(LOOK_BACK), now).compose(recent -> {
            List<Supplier<Future<?>>> work = new ArrayList<>();
            for (Alert a : recent) {
                if (dueAutomatically(a, now)) {
                    String reason = "no crew accepted within " + settings.after().get().toMinutes() + " min";
                    work.add(() -> handOff(a, reason).recover(e -> Future.succeededFuture()));
                } else if (retryDue(a, now)) {
                    work.add(() -> sendAgain(a));
                }
            }
            return OneByOne.steps(work);
        });
    }

    private boolean dueAutomatically(Alert a, Instant now) {
        return settings.after().isPresent() && a.state().isOpen() && settings.kinds().contains(a.kind())
                && a.acceptedOffer().isEmpty() && !a.receivedAt().plus(settings.after().get()).isAfter(now) && !handedOff(a);
    }

    /**
     * A hand-off that did not reach emergency services is sent again while the alert is open:
     * after {@code retryAfter}, then twice as long after each further failure (at most five
     * minutes). A person's life may hang on that call; one refused connection must not end it.
     */
    private boolean retryDue(Alert a, Instant now) {
        if (!a.state().isOpen() || underWay.contains(a.id()) || !unanswered(a)) {
            return false;
        }
        long failures = Math.max(1, outcomes(a).count());
        Duration wait = settings.retryAfter().multipliedBy(1L << Math.min(10, failures - 1));
        Instant last = a.history().stream().filter(h -> h.action().equals(ACTION)).reduce((x, y) -> y).map(HistoryEntry::at)
                .orElse(now);
        return !last.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait).isAfter(now);
    }

    /** The hand-off lines that tell how a sending went: answered, or not reached. */
    private static Stream<HistoryEntry> outcomes(Alert a) {
        return a.history().stream().filter(h -> h.action().equals(ACTION) && h.note() != null
                && (h.note().startsWith(ANSWERED) || h.note().startsWith(NOT_REACHED)));
    }

    /**
     * Handed off, and emergency services have not answered: the last sending did not reach them,
     * or its answer was never written (the process stopped while it was under way).
     */
    private static boolean unanswered(Alert a) {
        return a.history().stream().anyMatch(h -> h.action().equals(ACTION))
                && outcomes(a).noneMatch(h -> h.note().startsWith(ANSWERED));
    }

    private Future<Void> sendAgain(Alert a) {
        long attempt = outcomes(a).count() + 1;
        underWay.add(a.id());
        log.warn("alert {}: emergency services not reached so far; sending the hand-off again (attempt {})", a.id(), attempt);
        send(a, "attempt " + attempt + " after emergency services were not reached", attempt);
        return Future.succeededFuture();
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
            if (handedOff(a) && !underWay.contains(a.id()) && unanswered(a)) {
                // The operator tries again at once rather than wait for the next automatic attempt.
                return sendAgain(a).compose(v -> alerts.get(alertId)).map(Optional::orElseThrow);
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
        log.info("alert {} handed to emergency services: {}", a.id(), reason);
        return notes.note(a.id(), ACTION, "handed to emergency services (120): " + reason).onSuccess(v -> {
            send(a, reason, 1);
            ring(a);
        });
    }

    /** Sends the alert to the integration and writes its answer into the history, either way. */
    private void send(Alert a, String reason, long attempt) {
        Optional<Resident> resident = Optional.ofNullable(a.residentId()).flatMap(directory::resident);
        link.get().send(a, resident, reason).onComplete(answer -> answers.note(a.id(), ACTION,
                        answer.succeeded() ? ANSWERED + answer.result()
                                : NOT_REACHED + " (attempt " + attempt + "): " + answer.cause().getMessage()
                                + "; sent again while the alert is open")
                .onComplete(x -> underWay.remove(a.id())));
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
