package io.onekey.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times each SLA stage and keeps its compliance: the share of alerts that made the stage
 * within target since start. Timers publish a histogram with a bucket exactly at the target,
 * so Prometheus can compute percentiles ({@code histogram_quantile}) and compliance over any
 * window; p50/p95/p99 of the last minutes are also kept in process for the live summary.
 */
public final class SlaTracker {

    private final Map<SlaStage, StageMeters> stages = new EnumMap<>(SlaStage.class);

    public SlaTracker(MeterRegistry registry, Map<SlaStage, Duration> targets) {
        for (SlaStage stage : SlaStage.values()) {
            Duration target = targets.getOrDefault(stage, stage.defaultTarget());
            stages.put(stage, new StageMeters(registry, stage, target));
        }
    }

    public SlaTracker(MeterRegistry registry) {
        this(registry, Map.of());
    }

    public void record(SlaStage stage, Duration elapsed) {
        stages.get(stage).record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    /** The stage's recent percentile (time-windowed), or zero before the first record. */
    public Duration percentile(SlaStage stage, double percentile) {
        for (ValueAtPercentile value : stages.get(stage).timer.takeSnapshot().percentileValues()) {
            if (Math.abs(value.percentile() - percentile) < 1e-9) {
                return Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS));
            }
        }
        throw new IllegalArgumentException("percentile not published: " + percentile);
    }

    public long count(SlaStage stage) {
        return stages.get(stage).timer.count();
    }

    /** Share of records within target since start, 1.0 before the first record. */
    public double compliance(SlaStage stage) {
        return stages.get(stage).compliance();
    }

    private static final class StageMeters {
        private final Timer timer;
        private final long targetNanos;
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong withinTarget = new AtomicLong();

        StageMeters(MeterRegistry registry, SlaStage stage, Duration target) {
            this.targetNanos = target.toNanos();
            this.timer = Timer.builder(MetricNames.SLA_STAGE)
                    .description("Time taken by an alert stage")
                    .tag("stage", stage.tag())
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofHours(2))
                    .serviceLevelObjectives(target)
                    .distributionStatisticExpiry(Duration.ofMinutes(2))
                    .register(registry);
            Gauge.builder(MetricNames.SLA_COMPLIANCE, this, StageMeters::compliance)
                    .description("Share of alerts within the stage target since start")
                    .tag("stage", stage.tag())
                    .tag("target_seconds", Long.toString(target.toSeconds()))
                    .register(registry);
        }

        void record(Duration elapsed) {
            timer.record(elapsed);
            total.incrementAndGet();
            if (elapsed.toNanos() <= targetNanos) {
                withinTarget.incrementAndGet();
            }
        }

        double compliance() {
            long n = total.get();
            return n == 0 ? 1.0 : (double) withinTarget.get() / n;
        }
    }
}
