package io.onekey.bench;

import java.util.Arrays;
import java.util.Locale;

/** Durations of many runs of one operation, in nanoseconds, and their percentiles. */
final class Percentiles {

    private final String name;
    private long[] nanos = new long[1024];
    private int count;

    Percentiles(String name) {
        this.name = name;
    }

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(p / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    String line() {
        return String.format(Locale.ROOT, "%-44s n=%7d  p50=%8.4f ms  p99=%8.4f ms  max=%8.3f ms",
                name, count, percentileMillis(50), percentileMillis(99), percentileMillis(100));
    }
}
