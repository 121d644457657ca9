package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.flow.OneByOne;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the alerts' deadlines against the clock: expired offers move on to the next provider,
 * an unacknowledged alert escalates to supervisors, and nobody on scene in time breaches the
 * SLA. The deadlines live in the alerts themselves (and the store's deadline index), so a
 * restarted dispatcher picks them up where they were.
 */
public final class AlertClock {

    private static final Logger log = LoggerFactory.getLogger(AlertClock.class);

    private static final Duration FORGET_EVERY = Duration.ofMinutes(10);

    private final AlertChanges changes;
    private final OfferFlow offers;
    /** Closed alerts are kept this long for the record and the SLA report, then forgotten. */
    private final Duration closedRetention;
    private Instant lastForget = Instant.MIN;

    public AlertClock(AlertChanges changes, OfferFlow offers, Duration closedRetention) {
        this.changes = changes;
        this.offers = offers;
        this.closedRetention = closedRetention;
    }

    public Future<Void> tick() {
        Instant now = changes.clock().instant();
        Future<Integer> forgotten = Future.succeededFuture(0);
        if (!now.isBefore(lastForget.plus(FORGET_EVERY))) {
            lastForget = now;
            forgotten = changes.store().forgetClosedBefore(now.minus(closedRetention));
        }
        // One alert's failure (a conflict with another node, a store error) does not hold up the others;
        // its deadline is still due and the next tick tries again.
        return forgotten.compose(n -> changes.store().due(now)).compose(ids -> OneByOne.eachRegardless(ids,
                id -> changes.load(id).compose(alert -> handle(alert, now)),
                (id, e) -> log.warn("alert {}: deadline not handled this tick: {}", id, e.getMessage())));
    }

    private Future<Alert> handle(Alert alert, Instant now) {
        return offers.expireOffers(alert, AlertService.serviceOf(alert).orElse(null))
                .compose(a -> escalateIfUnacknowledged(a, now))
                .compose(a -> breachIfNobodyOnScene(a, now));
    }

    private Future<Alert> escalateIfUnacknowledged(Alert alert, Instant now) {
        AlertTiming t = alert.timing();
        if (!alert.state().isOpen() || alert.acknowledged() || alert.flags().escalated()
                || t.ackDeadline() == null || t.ackDeadline().isAfter(now)) {
            return Future.succeededFuture(alert);
        }
        String reason = "not acknowledged within " + Duration.between(alert.receivedAt(), t.ackDeadline()).toSeconds() + " s"
                + Lateness.note(t.ackDeadline(), now);
        return changes.saveAndEscalate(alert.edit().flags(alert.flags().withEscalated())
                .history(new HistoryEntry(now, Actor.SYSTEM, "escalated", alert.state(), reason)), reason);
    }

    private Future<Alert> breachIfNobodyOnScene(Alert alert, Instant now) {
        AlertTiming t = alert.timing();
        if (!alert.state().before(AlertState.ON_SCENE) || alert.flags().slaBreached()
                || t.onSceneDeadline() == null || t.onSceneDeadline().isAfter(now)) {
            return Future.succeededFuture(alert);
        }
        String reason = "nobody on scene within " + Duration.between(alert.receivedAt(), t.onSceneDeadline()).toMinutes() + " min"
                + Lateness.note(t.onSceneDeadline(), now);
        return changes.saveAndEscalate(alert.edit().flags(alert.flags().withSlaBreached())
                .history(new HistoryEntry(now, Actor.SYSTEM, "sla-breached", alert.state(), reason)), reason);
    }
}
