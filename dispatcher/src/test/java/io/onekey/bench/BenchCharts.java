package io.onekey.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn as PNG files with JFreeChart (no display needed: AWT runs headless). */
final class BenchCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private BenchCharts() {
    }

    /**
     * Latency percentile curves: x is 1/(1 − percentile) on a log scale (10 = p90, 100 = p99,
     * 1,000 = p99.9), y the latency in ms, one curve per histogram.
     */
    static void percentiles(Path png, String title, Map<String, Histogram> curves) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Histogram> c : curves.entrySet()) {
            XYSeries s = new XYSeries(c.getKey(), true, true);
            if (c.getValue().getTotalCount() > 0) {
                for (HistogramIterationValue v : c.getValue().percentiles(5)) {
                    double p = v.getPercentileLevelIteratedTo() / 100.0;
                    if (p < 0.99999) {
                        s.add(1 / (1 - p), v.getValueIteratedTo() / 1e3);
                    }
                }
            }
            data.addSeries(s);
        }
        LogAxis x = logAxis("1 / (1 − percentile):  10 = p90,  100 = p99,  1,000 = p99.9", 1);
        LogAxis y = logAxis("latency (ms, log scale)", 0.01);
        save(png, title, new XYPlot(data, x, y, renderer()));
    }

    /** One line per series over connection counts. */
    static void byConnections(Path png, String title, String yLabel, Map<String, SortedMap<Integer, Double>> series)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, SortedMap<Integer, Double>> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            e.getValue().forEach(s::add);
            data.addSeries(s);
        }
        LogAxis x = logAxis("connections (log scale)", 10);
        NumberAxis y = new NumberAxis(yLabel);
        save(png, title, new XYPlot(data, x, y, renderer()));
    }

    /** A base-10 log axis with a tick at each power of ten, labelled as plain numbers. */
    private static LogAxis logAxis(String label, double smallest) {
        LogAxis axis = new LogAxis(label);
        axis.setSmallestValue(smallest);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        return axis;
    }

    private static XYLineAndShapeRenderer renderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 8; i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        return r;
    }

    private static void save(Path png, String title, XYPlot plot) throws IOException {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
