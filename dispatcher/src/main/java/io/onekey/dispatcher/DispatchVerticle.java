package io.onekey.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.AlarmIntake;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.alert.RecentKeys;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.routing.OfferService;
import io.onekey.dispatcher.routing.ServiceTypes;
import io.onekey.dispatcher.store.EventLog;
import io.onekey.dispatcher.store.StoredEvent;
import io.onekey.monitoring.MetricNames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's consumer: drains the event log in order on one Vert.x context, so alert
 * changes never race each other, updates device state, opens or merges alerts and makes
 * offers. Work is asynchronous throughout; nothing here blocks the event loop.
 */
public final class DispatchVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(DispatchVerticle.class);
    private static final int BATCH = 256;

    private final EventLog eventLog;
    private final DeviceStates deviceStates;
    private final AlarmIntake intake;
    private final OfferService offers;
    private final RecentKeys recentAlarms = new RecentKeys(100_000);
    private final Counter consumed;
    private final Counter duplicates;
    private final Counter opened;

    private final AtomicBoolean wakePending = new AtomicBoolean();
    private boolean draining;
    private boolean drainAgain;

    public DispatchVerticle(EventLog eventLog, DeviceStates deviceStates, AlarmIntake intake, OfferService offers,
                            MeterRegistry registry) {
        this.eventLog = eventLog;
        this.deviceStates = deviceStates;
        this.intake = intake;
        this.offers = offers;
        this.consumed = Counter.builder(MetricNames.EVENTS_CONSUMED).description("Device events processed").register(registry);
        this.duplicates = Counter.builder(MetricNames.EVENTS_DUPLICATE)
                .description("Retransmitted alarms recognised by their dedup key").register(registry);
        this.opened = Counter.builder(MetricNames.ALERTS_OPENED).description("Alerts opened").register(registry);
    }

    @Override
    public Future<?> start() {
        // Many appends between two drains need one wake-up, not one each.
        eventLog.onAppend(() -> {
            if (wakePending.compareAndSet(false, true)) {
                context.runOnContext(v -> {
                    wakePending.set(false);
                    drain();
                });
            }
        });
        drain();
        return Future.succeededFuture();
    }

    /** Runs on the context only; a wake-up during a drain makes the drain go round again. */
    private void drain() {
        if (draining) {
            drainAgain = true;
            return;
        }
        draining = true;
        drainAgain = false;
        eventLog.poll(BATCH)
                .compose(this::processInOrder)
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
        Future<Void> chain = Future.succeededFuture();
        for (StoredEvent stored : batch) {
            chain = chain.compose(v -> process(stored).recover(e -> {
                log.error("event {} from device {} failed: {}", stored.sequence(), stored.event().deviceId(), e.toString());
                return Future.succeededFuture();
            }));
        }
        return chain.map(batch.size());
    }

    private Future<Void> process(StoredEvent stored) {
        consumed.increment();
        deviceStates.apply(stored.event());
        if (!(stored.event() instanceof Alarm alarm)) {
            return Future.succeededFuture();
        }
        if (!recentAlarms.firstTime(alarm.dedupKey())) {
            duplicates.increment();
            return Future.succeededFuture();
        }
        if (alarm.kind() == AlarmKind.TEST) {
            return Future.succeededFuture(); // a periodic test report proves the device alive, nothing more
        }
        return intake.accept(alarm).compose(outcome -> {
            Alert alert = outcome.alert();
            if (outcome.opened()) {
                opened.increment();
                log.info("alert {} opened: {} {} resident={} device={}", alert.id(), alert.priority(), alert.kind(),
                        alert.residentId(), alert.deviceId());
            }
            // P1 is offered at once, in parallel with the operators seeing it.
            if (outcome.opened() && alert.priority() == Priority.P1) {
                return ServiceTypes.needed(alert.kind())
                        .map(service -> offers.offerNext(alert, service).<Void>mapEmpty())
                        .orElse(Future.succeededFuture());
            }
            return Future.succeededFuture();
        });
    }
}
