package io.onekey.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlaTrackerTest {

    private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    private final SlaTracker tracker = new SlaTracker(registry);

    @Test
    void complianceIsTheShareWithinTarget() {
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, Duration.ofSeconds(10));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, Duration.ofSeconds(59));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, Duration.ofSeconds(61));
        tracker.record(SlaStage.RECEIVED_TO_ACKNOWLEDGED, Duration.ofSeconds(200));

        assertEquals(0.5, tracker.compliance(SlaStage.RECEIVED_TO_ACKNOWLEDGED), 1e-9);
        assertEquals(4, tracker.count(SlaStage.RECEIVED_TO_ACKNOWLEDGED));
        assertEquals(1.0, tracker.compliance(SlaStage.RECEIVED_TO_OFFERED), 1e-9);
    }

    @Test
    void targetBucketAndComplianceAppearInPrometheusText() {
        tracker.record(SlaStage.RECEIVED_TO_OFFERED, Duration.ofMillis(40));

        String text = registry.scrape();

        assertTrue(text.contains("onekey_sla_stage_seconds_bucket{application=\"onekey\",stage=\"received_to_offered\",le=\"5.0\"} 1"), text);
        assertTrue(text.contains("onekey_sla_compliance{application=\"onekey\",stage=\"received_to_offered\""), text);
        assertTrue(tracker.percentile(SlaStage.RECEIVED_TO_OFFERED, 0.99).toMillis() >= 39);
    }
}
