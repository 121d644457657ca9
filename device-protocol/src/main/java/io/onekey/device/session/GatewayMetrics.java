package io.onekey.device.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.device.event.Protocol;
import io.onekey.monitoring.MetricNames;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's meters for one protocol, tagged with the protocol. The names are defined in
 * {@link MetricNames}, with every other metric of the server.
 */
public final class GatewayMetrics {

    private static final int MAX_UNKNOWN_TYPES = 64;

    private final MeterRegistry registry;
    private final String protocol;
    private final Counter framesIn;
    private final Counter eventsOut;
    private final Counter answersOut;
    private final Counter refusedDevices;
    private final Counter handOffFailures;
    private final Counter rejectedConnections;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final ConcurrentMap<String, Counter> invalidByReason = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> toleratedByDefect = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> unknownByType = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> withheldByReason = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, Protocol protocol) {
        this.registry = registry;
        this.protocol = protocol.name().toLowerCase(Locale.ROOT);
        this.framesIn = counter(MetricNames.GATEWAY_FRAMES_IN, "Frames received from devices");
        this.eventsOut = counter(MetricNames.GATEWAY_EVENTS_OUT, "Device events handed off to the event log");
        this.answersOut = counter(MetricNames.GATEWAY_ANSWERS_OUT, "Answers written to devices");
        this.refusedDevices = counter(MetricNames.GATEWAY_DEVICES_REFUSED, "Frames refused because the device is not registered");
        this.handOffFailures = counter(MetricNames.GATEWAY_HANDOFF_FAILURES, "Events the event log did not accept (device not answered)");
        this.rejectedConnections = counter(MetricNames.GATEWAY_CONNECTIONS_REJECTED, "Connections closed at once by a connection limit");
        this.bytesIn = Counter.builder(MetricNames.GATEWAY_RECEIVED).description("Bytes read from device connections")
                .baseUnit("bytes").tag("protocol", this.protocol).register(registry);
        this.bytesOut = Counter.builder(MetricNames.GATEWAY_SENT).description("Bytes written to device connections")
                .baseUnit("bytes").tag("protocol", this.protocol).register(registry);
        Gauge.builder(MetricNames.GATEWAY_CONNECTIONS_OPEN, openConnections, AtomicInteger::get)
                .description("Open device connections").tag("protocol", this.protocol).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("protocol", protocol).register(registry);
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void eventsOut(int count) {
        eventsOut.increment(count);
    }

    public void answerOut() {
        answersOut.increment();
    }

    public void refusedDevice() {
        refusedDevices.increment();
    }

    public void handOffFailed() {
        handOffFailures.increment();
    }

    public void connectionRejected() {
        rejectedConnections.increment();
    }

    public void invalidFrame(String reason) {
        invalidByReason.computeIfAbsent(reason, r -> Counter.builder(MetricNames.GATEWAY_FRAMES_INVALID)
                .description("Frames that could not be used, by reason")
                .tag("protocol", protocol).tag("reason", r).register(registry)).increment();
    }

    /** A defect accepted by a documented decision (for example a miscounted length field). */
    public void toleratedDefect(String defect) {
        toleratedByDefect.computeIfAbsent(defect, d -> Counter.builder(MetricNames.GATEWAY_FRAMES_TOLERATED)
                .description("Frames accepted despite a known defect, by defect")
                .tag("protocol", protocol).tag("defect", d).register(registry)).increment();
    }

    /** A well-formed message of a type this build does not interpret; counted, answered where due. */
    public void unknownMessage(String type) {
        // Types come from devices: cap the number of distinct tags an attacker could create.
        String tag = unknownByType.containsKey(type) || unknownByType.size() < MAX_UNKNOWN_TYPES ? type : "other";
        unknownByType.computeIfAbsent(tag, t -> Counter.builder(MetricNames.GATEWAY_MESSAGES_UNKNOWN)
                .description("Well-formed messages of a type not interpreted, by type")
                .tag("protocol", protocol).tag("type", t).register(registry)).increment();
    }

    /** An answer the protocol would give but that was not sent (to a claimed UDP sender, say), by reason. */
    public void answerWithheld(String reason) {
        withheldByReason.computeIfAbsent(reason, r -> Counter.builder(MetricNames.GATEWAY_ANSWERS_WITHHELD)
                .description("Answers not sent, by reason (not the protocol's framing, over the per-address limit)")
                .tag("protocol", protocol).tag("reason", r).register(registry)).increment();
    }

    public void bytesIn(int count) {
        bytesIn.increment(count);
    }

    public void bytesOut(int count) {
        bytesOut.increment(count);
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }
}
