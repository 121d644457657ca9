package io.onekey.dispatcher.alert;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.routing.ServiceTypes;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change to alerts, in one place: alarms coming in (open, merge, cancel), the system's
 * own alerts (offline terminals, geofence exits) and the operators' actions. Runs on the
 * dispatcher's context only, so changes never race.
 */
public final class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertChanges changes;
    private final Directory directory;
    private final DeviceStates deviceStates;
    private final AlertPositions positions;
    private final PriorityRules rules;
    private final OfferFlow offers;
    private final IdGenerator ids;
    private final Duration delayedAfter;

    /** Default age past which an alarm counts as delayed. */
    public static final Duration DEFAULT_DELAYED_AFTER = Duration.ofMinutes(10);

    public AlertService(AlertChanges changes, Directory directory, DeviceStates deviceStates, AlertPositions positions,
                        PriorityRules rules, OfferFlow offers, IdGenerator ids) {
        this(changes, directory, deviceStates, positions, rules, offers, ids, DEFAULT_DELAYED_AFTER);
    }

    /**
     * @param delayedAfter an alarm whose device time is older than this when it arrives is raised
     *                     all the same, flagged delayed, with its device time in the history
     */
    public AlertService(AlertChanges changes, Directory directory, DeviceStates deviceStates, AlertPositions positions,
                        PriorityRules rules, OfferFlow offers, IdGenerator ids, Duration delayedAfter) {
        this.delayedAfter = delayedAfter;
        this.changes = changes;
        this.directory = directory;
        this.deviceStates = deviceStates;
        this.positions = positions;
        this.rules = rules;
        this.offers = offers;
        this.ids = ids;
    }

    private Instant now() {
        return changes.clock().instant();
    }

    // ---- alarms from devices

    /** An alarm from a device: a cancel, one more press on an open alert of its kind, or a new alert. */
    public Future<Optional<Alert>> onAlarm(Alarm alarm) {
        Device device = device(alarm.protocol(), alarm.deviceId());
        String subject = AlertSubjects.of(device.residentId(), alarm.protocol(), alarm.deviceId());
        if (alarm.kind() == AlarmKind.CANCEL) {
            return cancelByResident(subject, alarm).map(v -> Optional.empty());
        }
        return changes.store().openOf(subject).compose(open -> {
            Optional<Alert> same = open.stream().filter(a -> a.kind() == alarm.kind()).findFirst();
            return same.isPresent() ? merge(same.get(), alarm) : open(alarm, device, alarm.kind(), null);
        }).map(Optional::of);
    }

    /**
     * A press some node already stored (the shared store refused it as a duplicate): if that
     * node died between opening its alert and offering it, the alert sits opened and never
     * offered. Finishes the opening: offers it now. Does nothing for an alert that was offered,
     * or handed to the operators as unassigned.
     */
    public Future<Void> finishOpening(Alarm alarm) {
        if (alarm.kind() == AlarmKind.CANCEL) {
            return Future.succeededFuture();
        }
        Device device = device(alarm.protocol(), alarm.deviceId());
        String subject = AlertSubjects.of(device.residentId(), alarm.protocol(), alarm.deviceId());
        Optional<ServiceType> service = ServiceTypes.needed(alarm.kind(), alarm.serviceType());
        if (!rules.offeredAtOnce(alarm.kind()) || service.isEmpty()) {
            return Future.succeededFuture();
        }
        return changes.store().openOf(subject).compose(open -> open.stream()
                .filter(a -> a.kind() == alarm.kind() && a.offers().isEmpty() && !a.flags().unassigned()
                        && (a.state() == AlertState.NEW || a.state() == AlertState.ACKNOWLEDGED))
                .findFirst()
                .map(a -> {
                    log.warn("alert {} was opened but never offered (its dispatcher stopped in between); offering it now", a.id());
                    return offers.offerNext(a, service.get()).<Void>mapEmpty();
                })
                .orElse(Future.succeededFuture()));
    }

    private Future<Alert> merge(Alert open, Alarm alarm) {
        String delay = delayNote(alarm).map(text -> "; " + text).orElse("");
        Alert.Builder edit = open.edit().press(alarm.receivedAt()).history(new HistoryEntry(alarm.receivedAt(),
                Actor.device(alarm.deviceId()), "press", open.state(), "press " + (open.pressCount() + 1) + delay));
        alarm.position().ifPresent(p -> edit.position(new AlertPosition(p.lat(), p.lon(), p.source().name(), p.fixTime())));
        return changes.save(edit);
    }

    /** Opens an alert and, if its kind is offered at once, offers it. */
    private Future<Alert> open(Alarm alarm, Device device, AlarmKind kind, String note) {
        Instant now = now();
        Optional<Resident> resident = directory.resident(device.residentId());
        Optional<AlertPosition> position = positions.choose(alarm, device, resident,
                deviceStates.get(device.protocol(), device.id()), now);
        Priority priority = rules.priorityOf(kind);
        Instant received = alarm.receivedAt();
        AlertTiming timing = new AlertTiming(null,
                rules.ackDeadline(priority).map(received::plus).orElse(null),
                rules.onSceneDeadline(priority).map(received::plus).orElse(null), null);
        String why = note != null ? note : resident.isPresent() ? null : "device " + device.id() + " is not assigned to a resident";
        Optional<String> delay = delayNote(alarm);
        AlertFlags flags = delay.isPresent() ? AlertFlags.NONE.withDelayed() : AlertFlags.NONE;
        List<HistoryEntry> history = new java.util.ArrayList<>(List.of(new HistoryEntry(now, Actor.SYSTEM, "opened", AlertState.NEW, why)));
        delay.ifPresent(text -> history.add(new HistoryEntry(now, Actor.SYSTEM, "delayed", AlertState.NEW, text)));
        // Version 0: a draft never stored. The first stored version carries the first offer with
        // it, so the alert is never stored opened and not offered (a node dying in between would
        // leave it so), and opening it costs one save.
        Alert draft = new Alert(ids.next(), 0, AlertState.NEW, priority, kind, device.residentId(), device.id(),
                device.protocol(), alarm.rawCode(), position.orElse(null), 1, received, received, flags, timing,
                List.copyOf(history), List.of());
        Optional<ServiceType> service = ServiceTypes.needed(kind, alarm.serviceType());
        if (!rules.offeredAtOnce(kind) || service.isEmpty()) {
            return changes.open(draft.edit().build());
        }
        return offers.next(draft, service.get()).compose(next -> next.escalation().isPresent()
                ? changes.openAndEscalate(next.edit().build(), next.escalation().get())
                : changes.open(next.edit().build()));
    }

    /**
     * "raised by the device at 09:12:03Z, 47 min before it arrived": an alarm buffered by the
     * terminal through an outage, or replayed. It is raised all the same; the operator must know
     * the press is older than it looks.
     */
    private Optional<String> delayNote(Alarm alarm) {
        return alarm.deviceTime().filter(t -> Duration.between(t, alarm.receivedAt()).compareTo(delayedAfter) > 0)
                .map(t -> "raised by the device at " + t + ", " + Duration.between(t, alarm.receivedAt()).toMinutes()
                        + " min before it arrived (buffered or replayed)");
    }

    /**
     * The resident's cancel key: cancels open alerts no operator has acknowledged yet; on an
     * acknowledged one it is only a note (the operator decides).
     */
    private Future<Void> cancelByResident(String subject, Alarm cancel) {
        return changes.store().openOf(subject).compose(open -> {
            Future<Void> chain = Future.succeededFuture();
            for (Alert alert : open) {
                if (alert.kind() == AlarmKind.TERMINAL_OFFLINE) {
                    continue;
                }
                chain = chain.compose(v -> changes.save(cancelOne(alert, cancel)).mapEmpty());
            }
            return chain;
        });
    }

    /**
     * Cancels one alert for the cancel key, or only notes the press when that is not the
     * resident's to decide: an operator acknowledged it, a crew is already on scene, or the
     * alert was pressed again after the cancel was sent (the two can arrive out of order,
     * as the SOS takes the priority lane).
     */
    private Alert.Builder cancelOne(Alert alert, Alarm cancel) {
        Instant now = now();
        Alert.Builder edit = alert.edit();
        String actor = Actor.device(cancel.deviceId());
        String reason = alert.acknowledged() ? "an operator had already acknowledged the alert"
                : alert.lastPressAt().isAfter(cancel.receivedAt()) ? "the alert was pressed again after the cancel"
                : !AlertTransitions.allowed(alert.state(), AlertState.CANCELLED) ? "the alert is " + alert.state()
                : null;
        if (reason != null) {
            return edit.history(new HistoryEntry(now, actor, "note", alert.state(),
                    "the resident pressed cancel; the alert stays open: " + reason));
        }
        AlertTransitions.move(edit, AlertState.CANCELLED, actor, "cancelled by the resident's cancel key", now);
        return offers.releaseOffers(alert, edit, now);
    }

    // ---- the system's own alerts

    /** Opens (or adds to) an alert the server raises itself: an offline terminal, a geofence exit. */
    public Future<Alert> raise(AlarmKind kind, Device device, Optional<io.onekey.device.event.Position> position, String note) {
        // On a shared store another node may have raised the same alert a moment before: the
        // store then knows it, and the second attempt finds it open instead of opening another.
        return raiseOnce(kind, device, position, note).recover(e -> e instanceof DispatchException d && d.status() == 409
                ? raiseOnce(kind, device, position, note) : Future.failedFuture(e));
    }

    private Future<Alert> raiseOnce(AlarmKind kind, Device device, Optional<io.onekey.device.event.Position> position, String note) {
        Instant now = now();
        Alarm synthetic = new Alarm(device.id(), device.protocol(), now, Optional.empty(),
                "SYSTEM:" + kind + ":" + device.id() + ":" + now.toEpochMilli(), kind, position, "system:" + kind, Optional.empty());
        String subject = AlertSubjects.of(device.residentId(), device.protocol(), device.id());
        return changes.store().openOf(subject).compose(open -> {
            // One offline alert per silent device; one exit alert per resident.
            Optional<Alert> same = open.stream().filter(a -> a.kind() == kind
                    && (kind != AlarmKind.TERMINAL_OFFLINE || a.deviceId().equals(device.id()))).findFirst();
            return same.isPresent() ? Future.succeededFuture(same.get()) : open(synthetic, device, kind, note);
        });
    }

    /** A silent terminal was heard again: its offline alert resolves itself. */
    public Future<Void> resolveOffline(Device device) {
        String subject = AlertSubjects.of(device.residentId(), device.protocol(), device.id());
        return changes.store().openOf(subject).compose(open -> {
            Future<Void> chain = Future.succeededFuture();
            for (Alert alert : open) {
                if (alert.kind() == AlarmKind.TERMINAL_OFFLINE && alert.deviceId().equals(device.id())) {
                    Instant now = now();
                    Alert.Builder edit = alert.edit();
                    AlertTransitions.move(edit, AlertState.RESOLVED, Actor.SYSTEM, "device heard again", now);
                    offers.releaseOffers(alert, edit, now);
                    chain = chain.compose(v -> changes.save(edit).mapEmpty());
                }
            }
            return chain;
        });
    }

    // ---- the server's own pipeline

    /** The device id of the watchdog's alert about a condition: one alert per condition. */
    public static String pipelineDeviceId(String condition) {
        return "watchdog:" + condition;
    }

    /**
     * The watchdog saw a condition go beyond its bound: an alert for supervisors, escalated at
     * once. While one is open for the condition, it is returned and nothing new is raised.
     */
    public Future<Alert> raisePipelineAlert(String condition, String note) {
        String deviceId = pipelineDeviceId(condition);
        return changes.store().openOf(AlertSubjects.of(null, Protocol.SYSTEM, deviceId)).compose(open -> {
            if (!open.isEmpty()) {
                return Future.succeededFuture(open.get(0));
            }
            Instant now = now();
            Priority priority = rules.priorityOf(AlarmKind.PIPELINE_DEGRADED);
            AlertTiming timing = new AlertTiming(null, rules.ackDeadline(priority).map(now::plus).orElse(null), null, null);
            Alert alert = new Alert(ids.next(), 1, AlertState.NEW, priority, AlarmKind.PIPELINE_DEGRADED, null, deviceId,
                    Protocol.SYSTEM, "watchdog:" + condition, null, 1, now, now, AlertFlags.NONE.withEscalated(), timing,
                    List.of(new HistoryEntry(now, Actor.SYSTEM, "opened", AlertState.NEW, note)), List.of());
            return changes.openAndEscalate(alert, "pipeline: " + note);
        });
    }

    /** The condition is back within bounds: its alert resolves itself, with the note in its history. */
    public Future<Void> resolvePipelineAlert(String condition, String note) {
        return changes.store().openOf(AlertSubjects.of(null, Protocol.SYSTEM, pipelineDeviceId(condition))).compose(open -> {
            Future<Void> chain = Future.succeededFuture();
            for (Alert alert : open) {
                Alert.Builder edit = alert.edit();
                AlertTransitions.move(edit, AlertState.RESOLVED, Actor.SYSTEM, note, now());
                chain = chain.compose(v -> changes.save(edit).mapEmpty());
            }
            return chain;
        });
    }

    // ---- operators

    public Future<Alert> acknowledge(String alertId, Actor operator) {
        return changes.load(alertId).compose(alert -> {
            if (alert.acknowledged()) {
                throw DispatchException.conflict("alert " + alertId + " was already acknowledged");
            }
            if (!alert.state().isOpen()) {
                throw DispatchException.conflict("alert " + alertId + " is " + alert.state());
            }
            Instant now = now();
            Alert.Builder edit = alert.edit().timing(alert.timing().acknowledged(now));
            if (alert.state() == AlertState.NEW) {
                AlertTransitions.move(edit, AlertState.ACKNOWLEDGED, operator.name(), null, now);
            } else {
                edit.history(new HistoryEntry(now, operator.name(), "acknowledged", alert.state(), null));
            }
            return changes.save(edit);
        });
    }

    public Future<Alert> dispatch(String alertId, String providerId, Actor operator) {
        return changes.load(alertId).compose(alert -> offers.dispatchTo(alert, providerId, operator));
    }

    /** Hands an open alert to an operator (a shift hand-over); recorded in its history. */
    public Future<Alert> assign(String alertId, Actor who, String operator) {
        return changes.load(alertId).compose(alert -> {
            if (!alert.state().isOpen()) {
                throw DispatchException.conflict("alert " + alertId + " is " + alert.state());
            }
            return changes.save(alert.edit().history(new HistoryEntry(now(), who.name(), "assigned", alert.state(), operator)));
        });
    }

    public Future<Alert> note(String alertId, Actor who, String text) {
        return changes.load(alertId).compose(alert -> changes.save(alert.edit()
                .history(new HistoryEntry(now(), who.name(), "note", alert.state(), text))));
    }

    /** A line in the history from the server itself (a webhook's outcome); a closed alert takes it too. */
    public Future<Alert> systemNote(String alertId, String action, String text) {
        return changes.load(alertId).compose(alert -> changes.save(alert.edit()
                .history(new HistoryEntry(now(), Actor.SYSTEM, action, alert.state(), text))));
    }

    public Future<Alert> resolve(String alertId, Actor who, String note) {
        return close(alertId, who, AlertState.RESOLVED, note);
    }

    public Future<Alert> cancel(String alertId, Actor who, String reason) {
        return close(alertId, who, AlertState.CANCELLED, reason);
    }

    private Future<Alert> close(String alertId, Actor who, AlertState to, String note) {
        return changes.load(alertId).compose(alert -> {
            Instant now = now();
            Alert.Builder edit = alert.edit();
            if (!AlertTransitions.allowed(alert.state(), to)) {
                throw DispatchException.conflict("an alert in state " + alert.state() + " cannot become " + to);
            }
            AlertTransitions.move(edit, to, who.name(), note, now);
            offers.releaseOffers(alert, edit, now);
            return changes.save(edit);
        });
    }

    // ---- helpers

    private Device device(Protocol protocol, String deviceId) {
        return directory.device(protocol, deviceId).orElseGet(() -> Device.unassigned(protocol, deviceId));
    }

    /** The service an alert needs, for re-offering after a decline or timeout. */
    public static Optional<ServiceType> serviceOf(Alert alert) {
        return ServiceTypes.needed(alert.kind(), Optional.empty());
    }
}
