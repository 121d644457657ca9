package io.onekey.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One figure measured over alternating runs: every run's value, their median, minimum and maximum. */
final class Figure {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** This figure's median over the baseline's. */
    double ratioTo(Figure baseline) {
        return baseline == null || baseline.isEmpty() ? Double.NaN : median() / baseline.median();
    }

    JsonObject json(Figure baseline) {
        JsonObject o = new JsonObject().put("median", median()).put("min", min()).put("max", max())
                .put("runs", new JsonArray(new ArrayList<>(values)));
        if (baseline != null && baseline != this && !Double.isNaN(ratioTo(baseline))) {
            o.put("ratioToBaseline", ratioTo(baseline));
        }
        return o;
    }

    /** {@code median (min–max)} in the format given, and {@code ×ratio} when there is a baseline. */
    String cell(String format, Figure baseline) {
        if (values.isEmpty()) {
            return "—";
        }
        String s = String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(), min(), max());
        if (baseline != null && baseline != this && !Double.isNaN(ratioTo(baseline))) {
            s += String.format(Locale.ROOT, " ×%.2f", ratioTo(baseline));
        }
        return s;
    }
}
