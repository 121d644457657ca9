package io.onekey.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times each SLA stage and judges it against the configured targets. Each stage's timer
 * publishes a percentile histogram with a bucket exactly at every target of the stage, so
 * Prometheus can compute percentiles ({@code histogram_quantile}) and compliance over any
 * window; p50/p90/p99 of the last minutes are also kept in process for the live summary. Each
 * target has a compliance gauge over the rolling window, its objective as gauges (so an alert
 * rule compares the two without repeating the numbers), and a counter of breaches.
 */
public final class SlaTracker {

    private final Map<SlaStage, Timer> timers = new EnumMap<>(SlaStage.class);
    private final List<TargetMeters> targets = new ArrayList<>();

    public SlaTracker(MeterRegistry registry, SlaTargets slaTargets, Clock clock) {
        for (SlaStage stage : SlaStage.values()) {
            Duration[] objectives = slaTargets.targets().stream().filter(t -> t.stage() == stage)
                    .map(SlaTarget::within).distinct().toArray(Duration[]::new);
            timers.put(stage, Timer.builder(MetricNames.SLA_STAGE)
                    .description("Time taken by an alert stage")
                    .tag("stage", stage.tag())
                    .publishPercentiles(0.5, 0.9, 0.99)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofHours(2))
                    .serviceLevelObjectives(objectives)
                    .distributionStatisticExpiry(Duration.ofMinutes(2))
                    .register(registry));
        }
        for (SlaTarget target : slaTargets.targets()) {
            targets.add(new TargetMeters(registry, target, new RollingCompliance(slaTargets.window(), clock)));
        }
    }

    /** A stage reached by an alert of the given priority, {@code elapsed} after the stage's start. */
    public void record(SlaStage stage, String priority, Duration elapsed) {
        Duration d = elapsed.isNegative() ? Duration.ZERO : elapsed;
        timers.get(stage).record(d);
        for (TargetMeters meters : targets) {
            if (meters.target.stage() == stage && meters.target.priority().equals(priority)) {
                meters.record(d);
            }
        }
    }

    /** The stage's recent percentile (time-windowed), or zero before the first record. */
    public Duration percentile(SlaStage stage, double percentile) {
        for (ValueAtPercentile value : timers.get(stage).takeSnapshot().percentileValues()) {
            if (Math.abs(value.percentile() - percentile) < 1e-9) {
                return Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS));
            }
        }
        throw new IllegalArgumentException("percentile not published: " + percentile);
    }

    public long count(SlaStage stage) {
        return timers.get(stage).count();
    }

    /** The target's share within time over the rolling window; NaN when the window is empty. */
    public double compliance(String target, String priority) {
        return meters(target, priority).compliance.share();
    }

    public double breaches(String target, String priority) {
        return meters(target, priority).breaches.count();
    }

    private TargetMeters meters(String target, String priority) {
        return targets.stream().filter(m -> m.target.name().equals(target) && m.target.priority().equals(priority))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no SLA target " + target + " for " + priority));
    }

    private static final class TargetMeters {
        private final SlaTarget target;
        private final RollingCompliance compliance;
        private final Counter breaches;

        TargetMeters(MeterRegistry registry, SlaTarget target, RollingCompliance compliance) {
            this.target = target;
            this.compliance = compliance;
            Tags tags = Tags.of("target", target.name(), "stage", target.stage().tag(), "priority", target.priority());
            Gauge.builder(MetricNames.SLA_COMPLIANCE, compliance, RollingCompliance::share)
                    .description("Share of alerts within the target over the rolling window (NaN: none in the window)")
                    .tags(tags).register(registry);
            Gauge.builder(MetricNames.SLA_WINDOW_SAMPLES, compliance, c -> c.samples())
                    .description("Alerts that reached the stage within the rolling window")
                    .tags(tags).register(registry);
            Gauge.builder(MetricNames.SLA_OBJECTIVE, target, SlaTarget::share)
                    .description("The share of alerts the target asks for").tags(tags).register(registry);
            Gauge.builder(MetricNames.SLA_OBJECTIVE_WITHIN, target, t -> t.within().toMillis() / 1000.0)
                    .description("The time the target allows").baseUnit("seconds").tags(tags).register(registry);
            this.breaches = Counter.builder(MetricNames.SLA_BREACHES)
                    .description("Stages that took longer than the target allows")
                    .tags("target", target.name(), "priority", target.priority()).register(registry);
        }

        void record(Duration elapsed) {
            boolean met = target.met(elapsed);
            compliance.record(met);
            if (!met) {
                breaches.increment();
            }
        }
    }
}
