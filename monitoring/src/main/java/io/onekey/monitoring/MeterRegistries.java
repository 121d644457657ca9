package io.onekey.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Creates the server's meter registry: Prometheus text output plus the JVM and process basics. */
public final class MeterRegistries {

    private MeterRegistries() {
    }

    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "onekey")
                // Two of Micrometer's standard names fail Prometheus's own lint (promtool check
                // metrics): a "_count" suffix on a gauge and a unit abbreviated to "ns". The CPU
                // count gets a name of its own; the CPU time is dropped, process_cpu_usage says it.
                .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName(MetricNames.SYSTEM_CPU_PROCESSORS) : id;
                    }
                });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Device connections are file descriptors: the open-files ceiling is the one that bites.
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    /** GC metrics hold a listener that must be closed with the server. */
    public static JvmGcMetrics bindGc(PrometheusMeterRegistry registry) {
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }
}
