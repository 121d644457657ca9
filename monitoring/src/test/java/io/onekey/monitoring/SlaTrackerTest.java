package io.onekey.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaTrackerTest {

    private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    private final MovableClock clock = new MovableClock();
    private final SlaTracker tracker = new SlaTracker(registry, targets(Duration.ofSeconds(60)), clock);

    static SlaTargets targets(Duration p1AckDeadline) {
        return SlaTargets.of(SlaSettings.defaults(),
                Map.of("P1", p1AckDeadline, "P3", Duration.ofMinutes(5)),
                Map.of("P1", Duration.ofMinutes(15)), Duration.ofSeconds(30));
    }

    @Test
    void complianceIsTheShareWithinTargetForThePriority() {
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P1", Duration.ofSeconds(10));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P1", Duration.ofSeconds(59));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P1", Duration.ofSeconds(61));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P1", Duration.ofSeconds(200));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P3", Duration.ofSeconds(200));

        assertEquals(0.5, tracker.compliance(SlaTargets.ACKNOWLEDGED, "P1"), 1e-9);
        assertEquals(0.75, tracker.compliance(SlaTargets.ACKNOWLEDGED_LONG, "P1"), 1e-9);
        assertEquals(1.0, tracker.compliance(SlaTargets.ACKNOWLEDGED, "P3"), 1e-9, "P3 has five minutes");
        assertEquals(2, tracker.breaches(SlaTargets.ACKNOWLEDGED, "P1"));
        assertEquals(5, tracker.count(SlaStage.RECEIVED_TO_ACKNOWLEDGED));
        assertTrue(Double.isNaN(tracker.compliance(SlaTargets.OFFERED, "P1")), "nothing to judge yet");
    }

    @Test
    void theTargetFollowsTheConfiguredDeadline() {
        SlaTracker strict = new SlaTracker(MeterRegistries.prometheus(), targets(Duration.ofSeconds(30)), clock);
        strict.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P1", Duration.ofSeconds(45));
        assertEquals(0.0, strict.compliance(SlaTargets.ACKNOWLEDGED, "P1"), 1e-9);
    }

    @Test
    void oldSamplesLeaveTheRollingWindow() {
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P1", Duration.ofSeconds(200));
        clock.advance(Duration.ofMinutes(30));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, "P1", Duration.ofSeconds(5));
        assertEquals(0.5, tracker.compliance(SlaTargets.ACKNOWLEDGED, "P1"), 1e-9);

        clock.advance(Duration.ofMinutes(32)); // the first sample is now more than the hour's window old
        assertEquals(1.0, tracker.compliance(SlaTargets.ACKNOWLEDGED, "P1"), 1e-9);
        assertEquals(1, tracker.breaches(SlaTargets.ACKNOWLEDGED, "P1"), "breaches are counted for good");
    }

    @Test
    void targetBucketComplianceAndObjectiveAppearInPrometheusText() {
        tracker.record(SlaStage.RECEIVED_TO_OFFERED, "P1", Duration.ofMillis(40));

        String text = registry.scrape();

        assertTrue(text.contains("onekey_sla_stage_seconds_bucket{application=\"onekey\",stage=\"received_to_offered\",le=\"5.0\"} 1"), text);
        assertTrue(text.contains("onekey_sla_compliance{application=\"onekey\",priority=\"P1\",stage=\"received_to_offered\",target=\"offered\"} 1.0"), text);
        assertTrue(text.contains("onekey_sla_objective{application=\"onekey\",priority=\"P1\",stage=\"received_to_acknowledged\",target=\"acknowledged\"} 0.975"), text);
        assertTrue(tracker.percentile(SlaStage.RECEIVED_TO_OFFERED, 0.99).toMillis() >= 39);
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
