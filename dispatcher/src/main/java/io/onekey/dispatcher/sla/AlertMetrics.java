package io.onekey.dispatcher.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChange;
import io.onekey.dispatcher.alert.AlertChangeListener;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.monitoring.MetricNames;
import io.onekey.monitoring.SlaStage;
import io.onekey.monitoring.SlaTracker;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and times alerts from their saved changes: alerts opened, offers made, alerts left
 * without a provider, and the SLA stages (received→acknowledged, →offered, offered→accepted,
 * →on scene). Each stage is recorded once, by the change that reached it.
 */
public final class AlertMetrics implements AlertChangeListener {

    private static final Logger log = LoggerFactory.getLogger(AlertMetrics.class);

    private final SlaTracker sla;
    private final Counter opened;
    private final Counter offersSent;
    private final Counter unassigned;
    private final Counter delayed;

    public AlertMetrics(SlaTracker sla, MeterRegistry registry) {
        this.sla = sla;
        this.opened = Counter.builder(MetricNames.ALERTS_OPENED).description("Alerts opened").register(registry);
        this.offersSent = Counter.builder(MetricNames.OFFERS_SENT).description("Offers made to providers").register(registry);
        this.unassigned = Counter.builder(MetricNames.ALERTS_UNASSIGNED)
                .description("Times an alert ran out of candidate providers").register(registry);
        this.delayed = Counter.builder(MetricNames.ALERTS_DELAYED)
                .description("Alerts opened from alarms that arrived long after the device raised them").register(registry);
    }

    public double offersSent() {
        return offersSent.count();
    }

    @Override
    public void changed(AlertChange change) {
        Alert before = change.before();
        Alert after = change.after();
        if (change.opened()) {
            opened.increment();
            if (after.flags().delayed()) {
                delayed.increment();
            }
            log.info("alert {} opened: {} {} resident={} device={}", after.id(), after.priority(), after.kind(),
                    after.residentId(), after.deviceId());
        }
        boolean hadOffers = before != null && !before.offers().isEmpty();
        for (Offer offer : change.newOffers()) {
            offersSent.increment();
            if (!hadOffers) {
                hadOffers = true;
                sla.record(SlaStage.RECEIVED_TO_OFFERED, Duration.between(after.receivedAt(), offer.offeredAt()));
            }
        }
        for (Offer offer : change.answeredOffers()) {
            if (offer.state() == OfferState.ACCEPTED) {
                sla.record(SlaStage.OFFERED_TO_ACCEPTED, Duration.between(offer.offeredAt(), offer.answeredAt()));
            }
        }
        Instant acknowledgedAt = after.timing().acknowledgedAt();
        if (acknowledgedAt != null && (before == null || before.timing().acknowledgedAt() == null)) {
            sla.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, Duration.between(after.receivedAt(), acknowledgedAt));
        }
        if (after.state() == AlertState.ON_SCENE && before != null && before.state() != AlertState.ON_SCENE) {
            Instant at = after.history().get(after.history().size() - 1).at();
            sla.record(SlaStage.RECEIVED_TO_ON_SCENE, Duration.between(after.receivedAt(), at));
        }
        if (after.flags().unassigned() && (before == null || !before.flags().unassigned())) {
            unassigned.increment();
        }
    }
}
