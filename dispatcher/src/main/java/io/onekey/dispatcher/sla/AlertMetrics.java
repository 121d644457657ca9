package io.onekey.dispatcher.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.Actor;
import io.onekey.dispatcher.alert.AlertChange;
import io.onekey.dispatcher.alert.AlertChangeListener;
import io.onekey.dispatcher.alert.AlertFlags;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.monitoring.MetricNames;
import io.onekey.monitoring.SlaStage;
import io.onekey.monitoring.SlaTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and times alerts from their saved changes: alerts opened (by kind and priority),
 * offers made, declined and timed out, escalations (by reason), alerts left without a provider,
 * and the SLA stages (received→acknowledged, →offered, offered→accepted, →on scene). Each stage
 * is recorded once, by the change that reached it.
 */
public final class AlertMetrics implements AlertChangeListener {

    private static final Logger log = LoggerFactory.getLogger(AlertMetrics.class);

    /** Every reason {@link #escalationReason} gives; registered at start, so a rate starts from zero. */
    private static final List<String> ESCALATION_REASONS =
            List.of("pipeline", "unassigned", "sla_breached", "on_scene_far", "unacknowledged", "other");

    private final SlaTracker sla;
    private final MeterRegistry registry;
    private final Counter offersSent;
    private final Counter offersDeclined;
    private final Counter offersExpired;
    private final Counter unassigned;
    private final Counter delayed;

    public AlertMetrics(SlaTracker sla, MeterRegistry registry) {
        this.sla = sla;
        this.registry = registry;
        this.offersSent = Counter.builder(MetricNames.OFFERS_SENT).description("Offers made to providers").register(registry);
        this.offersDeclined = Counter.builder(MetricNames.OFFERS_DECLINED).description("Offers a provider declined")
                .register(registry);
        this.offersExpired = Counter.builder(MetricNames.OFFERS_EXPIRED)
                .description("Offers not answered within the offer timeout").register(registry);
        this.unassigned = Counter.builder(MetricNames.ALERTS_UNASSIGNED)
                .description("Times an alert ran out of candidate providers").register(registry);
        this.delayed = Counter.builder(MetricNames.ALERTS_DELAYED)
                .description("Alerts opened from alarms that arrived long after the device raised them").register(registry);
        ESCALATION_REASONS.forEach(this::escalations);
    }

    private Counter escalations(String reason) {
        return Counter.builder(MetricNames.ALERTS_ESCALATED).description("Alerts escalated to supervisors, by reason")
                .tag("reason", reason).register(registry);
    }

    public double offersSent() {
        return offersSent.count();
    }

    @Override
    public void changed(AlertChange change) {
        Alert before = change.before();
        Alert after = change.after();
        String priority = after.priority().name();
        if (change.opened()) {
            Counter.builder(MetricNames.ALERTS_OPENED).description("Alerts opened, by kind and priority")
                    .tag("kind", after.kind().name()).tag("priority", priority).register(registry).increment();
            if (after.flags().delayed()) {
                delayed.increment();
            }
            log.info("alert {} opened: {} {} resident={} device={}", after.id(), after.priority(), after.kind(),
                    after.residentId(), after.deviceId());
        }
        change.escalation().ifPresent(reason -> escalations(escalationReason(change)).increment());
        boolean hadOffers = before != null && !before.offers().isEmpty();
        for (Offer offer : change.newOffers()) {
            offersSent.increment();
            if (!hadOffers) {
                hadOffers = true;
                if (!Actor.SYSTEM.equals(change.madeBy())) {
                    continue; // an operator's hand dispatch: a person's time, not the system's
                }
                sla.record(SlaStage.RECEIVED_TO_OFFERED, priority, Duration.between(after.receivedAt(), offer.offeredAt()));
            }
        }
        for (Offer offer : change.answeredOffers()) {
            switch (offer.state()) {
                case ACCEPTED -> sla.record(SlaStage.OFFERED_TO_ACCEPTED, priority,
                        Duration.between(offer.offeredAt(), offer.answeredAt()));
                case DECLINED -> offersDeclined.increment();
                case EXPIRED -> offersExpired.increment();
                default -> {
                    // withdrawn: another crew took the job, or it ended; nothing to count
                }
            }
        }
        Instant acknowledgedAt = after.timing().acknowledgedAt();
        if (acknowledgedAt != null && (before == null || before.timing().acknowledgedAt() == null)) {
            sla.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, priority, Duration.between(after.receivedAt(), acknowledgedAt));
        }
        if (after.state() == AlertState.ON_SCENE && before != null && before.state() != AlertState.ON_SCENE) {
            Instant at = after.history().get(after.history().size() - 1).at();
            sla.record(SlaStage.RECEIVED_TO_ON_SCENE, priority, Duration.between(after.receivedAt(), at));
        }
        if (after.flags().unassigned() && (before == null || !before.flags().unassigned())) {
            unassigned.increment();
        }
    }

    /** Why supervisors were called, from the flag the change raised. */
    private static String escalationReason(AlertChange change) {
        AlertFlags was = change.before() == null ? AlertFlags.NONE : change.before().flags();
        AlertFlags now = change.after().flags();
        if (change.after().kind() == AlarmKind.PIPELINE_DEGRADED) {
            return "pipeline";
        }
        if (now.unassigned() && !was.unassigned()) {
            return "unassigned";
        }
        if (now.slaBreached() && !was.slaBreached()) {
            return "sla_breached";
        }
        if (now.onSceneFar() && !was.onSceneFar()) {
            return "on_scene_far";
        }
        if (now.escalated() && !was.escalated()) {
            return "unacknowledged";
        }
        return "other";
    }
}
