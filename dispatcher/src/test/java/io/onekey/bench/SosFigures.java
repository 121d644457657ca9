package io.onekey.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * One side's SOS figures at one rate and idle level, over the runs: latency percentiles (to the
 * offer for OneKey, to the answer for the baseline, which offers nothing) in ms, OneKey's time
 * to the device's answer, every run's histogram merged for the plot, and the presses lost.
 */
final class SosFigures {

    final Figure p50 = new Figure();
    final Figure p99 = new Figure();
    final Figure p999 = new Figure();
    final Figure max = new Figure();
    final Figure answerP99 = new Figure();
    final Histogram merged = FirstOffers.histogram();
    long pressed;
    long unanswered;
    long unoffered;

    /** A run in which no press was offered (or answered) within the wait adds no percentiles, only its lost presses. */
    void add(Histogram latency, FirstOffers.Outcome outcome, boolean offered) {
        pressed += outcome.sendLag().getTotalCount();
        unanswered += outcome.unanswered();
        if (offered) {
            unoffered += outcome.unoffered();
        }
        if (latency.getTotalCount() == 0) {
            return;
        }
        p50.add(latency.getValueAtPercentile(50) / 1e3);
        p99.add(latency.getValueAtPercentile(99) / 1e3);
        p999.add(latency.getValueAtPercentile(99.9) / 1e3);
        max.add(latency.getMaxValue() / 1e3);
        answerP99.add(outcome.toAnswer().getValueAtPercentile(99) / 1e3);
        merged.add(latency);
    }

    JsonObject json(SosFigures baseline) {
        SosFigures b = baseline == null ? this : baseline;
        return new JsonObject().put("p50Ms", p50.json(b.p50)).put("p99Ms", p99.json(b.p99)).put("p999Ms", p999.json(b.p999))
                .put("maxMs", max.json(b.max)).put("answerP99Ms", answerP99.json(b.answerP99)).put("pressed", pressed)
                .put("neverAnswered", unanswered).put("neverOffered", unoffered);
    }
}
