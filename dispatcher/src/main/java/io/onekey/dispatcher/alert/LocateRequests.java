package io.onekey.dispatcher.alert;

import io.onekey.device.command.CommandOutcome;
import io.onekey.device.command.DeviceCommand;
import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Locate now" on an alert: the operator's request and the command's outcome go into the
 * alert's history; the device's next position, while the request is outstanding, goes in as a
 * fresh fix and becomes the alert's position, so the map follows it.
 *
 * <p>The request lives in the history only, so every store keeps it and every dispatcher node
 * sees it: a request is outstanding from its {@link #REQUESTED} line until a fresh fix answers
 * it, its command is reported not sent, or {@link #ANSWER_WINDOW} passes. The outcome line may
 * come after the fix (a device answers within milliseconds), so only a failed outcome ends it.
 */
public final class LocateRequests {

    private static final Logger log = LoggerFactory.getLogger(LocateRequests.class);
    public static final String REQUESTED = "locate-requested";
    public static final String OUTCOME = "locate";
    public static final String FRESH_FIX = "fresh-fix";
    /** A device that has not answered by then has missed the command (out of coverage, say). */
    static final Duration ANSWER_WINDOW = Duration.ofMinutes(5);

    private final AlertChanges changes;
    private final Directory directory;

    public LocateRequests(AlertChanges changes, Directory directory) {
        this.changes = changes;
        this.directory = directory;
    }

    /**
     * Records the operator's request: an open alert of a device whose protocol can be asked for
     * a position. Refused with 409 for a closed alert or one without a device, 422 for a device
     * that takes no such command (a DC-09 panel).
     */
    public Future<Alert> request(String alertId, Actor who) {
        return changes.load(alertId).compose(alert -> {
            if (!alert.state().isOpen()) {
                throw DispatchException.conflict("alert " + alertId + " is " + alert.state());
            }
            if (alert.deviceId() == null || alert.protocol() == null || alert.protocol() == Protocol.SYSTEM) {
                throw DispatchException.conflict("alert " + alertId + " has no terminal to locate");
            }
            if (!DeviceCommand.LOCATE.supportedBy(alert.protocol())) {
                throw new DispatchException(422, "Unprocessable Content", "a " + alert.protocol()
                        + " terminal cannot be asked for its position" + (alert.protocol() == Protocol.DC09
                        ? " (DC-09 panels take no commands from the receiving centre)" : ""));
            }
            return changes.save(alert.edit().history(new HistoryEntry(now(), who.name(), REQUESTED, alert.state(), null)));
        });
    }

    /** Records what became of the command. */
    public Future<Alert> outcome(String alertId, CommandOutcome outcome) {
        return changes.load(alertId).compose(alert -> changes.save(alert.edit()
                .history(new HistoryEntry(now(), Actor.SYSTEM, OUTCOME, alert.state(), outcome.words()))));
    }

    /**
     * A position from a device: for each open alert of the device with a locate outstanding, a
     * fresh fix in its history and the alert's new position. A failure here is logged and
     * contained: the position itself is already the device's state.
     */
    public Future<Void> onFix(Location fix) {
        Device device = directory.device(fix.protocol(), fix.deviceId())
                .orElseGet(() -> Device.unassigned(fix.protocol(), fix.deviceId()));
        String subject = AlertSubjects.of(device.residentId(), fix.protocol(), fix.deviceId());
        return changes.store().openOf(subject).compose(open -> {
            Future<Void> chain = Future.succeededFuture();
            for (Alert alert : open) {
                if (fix.deviceId().equals(alert.deviceId()) && fix.protocol() == alert.protocol()
                        && outstanding(alert, fix.receivedAt()).isPresent()) {
                    chain = chain.compose(v -> answer(alert.id(), fix, 1));
                }
            }
            return chain;
        }).recover(e -> {
            log.warn("fresh fix of {} device {} not recorded: {}", fix.protocol(), fix.deviceId(), e.getMessage());
            return Future.succeededFuture();
        });
    }

    /** Saves the fix into the alert; a change another node made meanwhile is read back and the fix applied again. */
    private Future<Void> answer(String alertId, Location fix, int retries) {
        return changes.load(alertId).compose(alert -> {
            Optional<Instant> requested = outstanding(alert, fix.receivedAt());
            if (requested.isEmpty() || !alert.state().isOpen()) {
                return Future.<Void>succeededFuture();
            }
            Position p = fix.position();
            String note = describe(p, alert.position(), Duration.between(requested.get(), fix.receivedAt()));
            Alert.Builder edit = alert.edit()
                    .position(new AlertPosition(p.lat(), p.lon(), p.source().name(), p.fixTime()))
                    .history(new HistoryEntry(now(), Actor.device(fix.deviceId()), FRESH_FIX, alert.state(), note));
            return changes.save(edit).<Void>mapEmpty();
        }).recover(e -> retries > 0 && e instanceof DispatchException d && d.status() == 409
                ? answer(alertId, fix, retries - 1) : Future.failedFuture(e));
    }

    /** When the outstanding request was made, if one is outstanding for a position received at {@code at}. */
    static Optional<Instant> outstanding(Alert alert, Instant at) {
        List<HistoryEntry> history = alert.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry entry = history.get(i);
            if (entry.action().equals(FRESH_FIX)
                    || (entry.action().equals(OUTCOME) && !CommandOutcome.SENT.words().equals(entry.note()))) {
                return Optional.empty();
            }
            if (entry.action().equals(REQUESTED)) {
                boolean answers = !at.isBefore(entry.at()) && !at.isAfter(entry.at().plus(ANSWER_WINDOW));
                return answers ? Optional.of(entry.at()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** "fresh fix 54.73933, 25.27327 (GPS), 120 m from the last position, 8 s after the request". */
    static String describe(Position p, AlertPosition before, Duration after) {
        String where = String.format(Locale.ROOT, "fresh fix %.5f, %.5f (%s)", p.lat(), p.lon(), p.source());
        String moved = before == null ? "no earlier position"
                : String.format(Locale.ROOT, "%.0f m from the last position",
                        new GeoPoint(before.lat(), before.lon()).distanceMeters(new GeoPoint(p.lat(), p.lon())));
        return where + ", " + moved + ", " + Math.max(0, after.toSeconds()) + " s after the request";
    }

    private Instant now() {
        return changes.clock().instant();
    }
}
