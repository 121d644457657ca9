package io.onekey.dispatcher.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Location;
import io.onekey.device.event.Position;
import io.onekey.dispatcher.alert.AlertClock;
import io.onekey.dispatcher.alert.AlertSubjects;
import io.onekey.dispatcher.alert.AlertService;
import io.onekey.dispatcher.alert.LocateRequests;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.flow.OneByOne;
import io.onekey.dispatcher.supervision.DeviceSupervisor;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.geofence.GeofenceMonitor;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.eventlog.DedupMemory;
import io.onekey.dispatcher.eventlog.DuplicateAlarmException;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.eventlog.StoredEvent;
import io.onekey.monitoring.MetricNames;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's one context. It drains the event log in order (the priority lane first),
 * runs the clock of deadlines and device supervision, and executes the API's alert actions,
 * so that no two changes to alerts ever race. Work is asynchronous throughout; nothing here
 * blocks the event loop.
 */
public final class DispatchVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(DispatchVerticle.class);
    /** Small batches: a P1 alarm arriving mid-batch waits for at most this many other events. */
    private static final int BATCH = 16;
    /**
     * On a shared store each change waits for the store's reply: the events of different
     * residents are then processed side by side, up to this many at a time, each resident's
     * own events still in order (see {@link #pump}).
     */
    private static final int IN_FLIGHT = 256;
    private static final int CONFLICT_RETRIES = 3;

    private final EventLog eventLog;
    private final DeviceStates deviceStates;
    private final Directory directory;
    private final AlertService alerts;
    private final AlertClock alertClock;
    private final DeviceSupervisor supervisor;
    private final GeofenceMonitor geofences;
    private final LocateRequests locating;
    private final Duration tickInterval;
    /** False on a node that only serves the API (or runs a gateway): it runs actions, never events or deadlines. */
    private final boolean consumes;
    /** Events of different residents processed side by side (a shared store; see {@link #pump}). */
    private final boolean sideBySide;
    private int inFlight;
    private boolean polling;
    /** The last event under way of each subject: the next one of that subject starts after it. */
    private final Map<String, Future<Void>> subjectTails = new HashMap<>();
    private final DedupMemory recentAlarms;
    private final Counter consumed;
    private final Counter duplicates;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private boolean draining;
    private boolean drainAgain;
    private boolean ticking;
    /** The unit of work under way (see {@link #serially}); touched on the dispatcher's context only. */
    private Future<Void> tail = Future.succeededFuture();

    public DispatchVerticle(EventLog eventLog, DedupMemory recentAlarms, DeviceStates deviceStates, Directory directory, AlertService alerts,
                            AlertClock alertClock, DeviceSupervisor supervisor, GeofenceMonitor geofences, LocateRequests locating,
                            Duration tickInterval, boolean consumes, boolean sideBySide, MeterRegistry registry) {
        this.locating = locating;
        this.consumes = consumes;
        this.sideBySide = sideBySide;
        this.eventLog = eventLog;
        this.recentAlarms = recentAlarms;
        this.deviceStates = deviceStates;
        this.directory = directory;
        this.alerts = alerts;
        this.alertClock = alertClock;
        this.supervisor = supervisor;
        this.geofences = geofences;
        this.tickInterval = tickInterval;
        this.consumed = Counter.builder(MetricNames.EVENTS_CONSUMED).description("Device events processed").register(registry);
        this.duplicates = Counter.builder(MetricNames.EVENTS_DUPLICATE)
                .description("Retransmitted alarms recognised by their dedup key").register(registry);
    }

    @Override
    public Future<?> start() {
        if (!consumes) {
            return Future.succeededFuture();
        }
        // Many appends between two drains need one wake-up, not one each.
        eventLog.onAppend(() -> {
            if (wakePending.compareAndSet(false, true)) {
                context.runOnContext(v -> {
                    wakePending.set(false);
                    drain();
                });
            }
        });
        vertx.setPeriodic(tickInterval.toMillis(), id -> tick());
        drain();
        return Future.succeededFuture();
    }

    /** Runs an alert action on the dispatcher's context, after the work before it; completes with its result. */
    public <T> Future<T> run(Supplier<Future<T>> action) {
        if (context == null) {
            return Future.failedFuture("the dispatcher is not started yet");
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> serially(action).onComplete(promise));
        return promise.future();
    }

    /**
     * Runs one unit of work (a batch of events, a tick, an API action) after the previous one has
     * finished, saves included. Saves to a durable store complete later than they are asked for;
     * without this, two units could both read an alert, and the second save would be refused as
     * made from a stale copy. Only on the dispatcher's context.
     *
     * <p>Each unit starts from the event loop's task queue, not inside the completion of the one
     * before: units queued behind a slow save (heard-elsewhere batches, API actions) would
     * otherwise all run in one call, nested, holding the loop and, thousands deep, overflowing
     * the stack.
     */
    private <T> Future<T> serially(Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        tail = tail.transform(previous -> {
            Promise<Void> finished = Promise.promise();
            context.runOnContext(v -> {
                Future<T> result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    result = Future.failedFuture(e);
                }
                if (result == null) {
                    result = Future.failedFuture(new IllegalStateException("a unit of work returned no future"));
                }
                // The next unit is released first: whatever the caller does with the outcome (even
                // throwing from its handler), the units after this one still run.
                result.onComplete(ar -> finished.complete());
                try {
                    result.onComplete(done);
                } catch (RuntimeException e) {
                    log.error("a dispatcher action's caller failed on its outcome", e);
                }
            });
            return finished.future();
        });
        return done.future();
    }

    /** Checks deadlines and silent devices against the clock; a slow tick is never overlapped. */
    public Future<Void> tick() {
        if (ticking) {
            return Future.succeededFuture();
        }
        ticking = true;
        return serially(() -> alertClock.tick().compose(v -> supervisor.check()))
                .onFailure(e -> log.error("deadline tick failed; next tick retries", e))
                .onComplete(ar -> ticking = false);
    }

    private void drain() {
        if (sideBySide) {
            pump();
            return;
        }
        if (draining) {
            drainAgain = true;
            return;
        }
        draining = true;
        drainAgain = false;
        serially(() -> eventLog.poll(BATCH).compose(this::processInOrder))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.error("event processing failed; continuing with the next events", ar.cause());
                    }
                    draining = false;
                    boolean more = ar.succeeded() && ar.result() == BATCH;
                    if (more || drainAgain) {
                        context.runOnContext(v -> drain());
                    }
                });
    }

    private Future<Integer> processInOrder(List<StoredEvent> batch) {
        List<StoredEvent> done = new ArrayList<>(batch.size());
        List<StoredEvent> failed = new ArrayList<>();
        return inOrder(batch, done, failed).map(v -> finish(batch, done, failed));
    }

    /**
     * On a shared store: keeps up to {@link #IN_FLIGHT} events under way at once, each on a
     * context of its own, the events of one resident (or unassigned device) one after the other
     * in the order the log gave them. Every step still runs on this verticle's event loop, so
     * nothing runs in parallel: the events only wait for the store's replies at the same time.
     * Alert changes made meanwhile by the clock, by operators or by other nodes are kept apart
     * by the store (a change made from a stale copy is refused and retried).
     */
    private void pump() {
        if (polling || inFlight >= IN_FLIGHT) {
            return;
        }
        polling = true;
        eventLog.poll(Math.min(BATCH * 4, IN_FLIGHT - inFlight)).onComplete(ar -> {
            polling = false;
            if (ar.failed()) {
                log.error("reading events failed; the next wake-up tries again", ar.cause());
                return;
            }
            ar.result().forEach(this::start);
            if (!ar.result().isEmpty()) {
                pump();
            }
        });
    }

    private void start(StoredEvent stored) {
        inFlight++;
        String subject = subjectOf(stored.event());
        Future<Void> before = subjectTails.getOrDefault(subject, Future.succeededFuture());
        ContextInternal own = ((ContextInternal) context).duplicate();
        Promise<Void> finished = Promise.promise();
        before.onComplete(x -> own.runOnContext(v -> processOne(stored).onComplete(finished)));
        Future<Void> after = finished.future();
        subjectTails.put(subject, after);
        after.onComplete(x -> context.runOnContext(v -> {
            inFlight--;
            if (subjectTails.get(subject) == after) {
                subjectTails.remove(subject);
            }
            pump();
        }));
    }

    /** One event, on its own context: the keys of its alarm that no change took are stored here too. */
    private Future<Void> processOne(StoredEvent stored) {
        return process(stored.event()).transform(ar -> {
            recentAlarms.batchDone();
            if (ar.succeeded()) {
                eventLog.processed(List.of(stored));
            } else {
                log.error("event {} from device {} failed and stays unprocessed: {}", stored.sequence(),
                        stored.event().deviceId(), ar.cause().toString());
                eventLog.notProcessed(List.of(stored));
            }
            return Future.succeededFuture();
        });
    }

    private String subjectOf(DeviceEvent event) {
        String residentId = directory.device(event.protocol(), event.deviceId()).map(Device::residentId).orElse(null);
        return AlertSubjects.of(residentId, event.protocol(), event.deviceId());
    }

    private Future<Void> inOrder(List<StoredEvent> events, List<StoredEvent> done, List<StoredEvent> failed) {
        return OneByOne.eachRegardless(events, stored -> process(stored.event()).onSuccess(ok -> done.add(stored)), (stored, e) -> {
            failed.add(stored);
            // Not marked processed: the log hands the event out again (after a restart, or to
            // another node of a shared store), so an alarm that could not be stored is not lost.
            log.error("event {} from device {} failed and stays unprocessed: {}", stored.sequence(),
                    stored.event().deviceId(), e.toString());
        });
    }

    private int finish(List<StoredEvent> batch, List<StoredEvent> done, List<StoredEvent> failed) {
        recentAlarms.batchDone();
        eventLog.processed(done);
        if (!failed.isEmpty()) {
            eventLog.notProcessed(failed);
        }
        return batch.size();
    }

    private Future<Void> process(DeviceEvent event) {
        consumed.increment();
        deviceStates.apply(event);
        Future<Void> heard = supervisor.heard(event.protocol(), event.deviceId(), event.receivedAt());
        Future<Void> fenced = heard.compose(v -> checkGeofence(event));
        if (event instanceof Location location) {
            // The answer to an operator's "locate now", if one is outstanding for the device.
            return fenced.compose(v -> locating.onFix(location));
        }
        if (!(event instanceof Alarm alarm)) {
            return fenced;
        }
        if (!recentAlarms.firstTime(alarm.dedupKey())) {
            duplicates.increment();
            return fenced;
        }
        if (alarm.kind() == AlarmKind.TEST) {
            return fenced; // a periodic test report proves the device alive, nothing more
        }
        return fenced.compose(v -> raise(alarm, CONFLICT_RETRIES));
    }

    /**
     * The alarm's alert change. On a shared store another node may have moved the alert (or
     * opened one of this kind) a moment before: the store then refreshed its copy, and the
     * alarm is applied again to the current version. A press another node already stored
     * counts once.
     */
    private Future<Void> raise(Alarm alarm, int retries) {
        return alerts.onAlarm(alarm).<Void>mapEmpty().recover(e -> {
            if (e instanceof DuplicateAlarmException) {
                duplicates.increment();
                return alerts.finishOpening(alarm);
            }
            if (retries > 0 && e instanceof DispatchException d && d.status() == 409) {
                return raise(alarm, retries - 1);
            }
            recentAlarms.forget(alarm.dedupKey());
            return Future.failedFuture(e);
        });
    }

    private Future<Void> checkGeofence(DeviceEvent event) {
        Optional<Position> fix = event instanceof Location l ? Optional.of(l.position())
                : event instanceof Alarm a ? a.position() : Optional.empty();
        if (fix.isEmpty()) {
            return Future.succeededFuture();
        }
        Optional<Device> device = directory.device(event.protocol(), event.deviceId())
                .filter(d -> d.type() == DeviceType.WEARABLE && d.assigned());
        Optional<Resident> resident = device.flatMap(d -> directory.resident(d.residentId()));
        if (resident.isEmpty() || !geofences.exitRaisedBy(resident.get(), fix.get())) {
            return Future.succeededFuture();
        }
        return alerts.raise(AlarmKind.GEOFENCE_EXIT, device.get(), fix,
                "left the safe zone" + (resident.get().geofences().size() > 1 ? "s" : "")).mapEmpty();
    }
}
