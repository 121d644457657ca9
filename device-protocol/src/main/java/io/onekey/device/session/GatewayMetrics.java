package io.onekey.device.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onekey.device.event.Protocol;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's meters for one protocol. Names are prefixed {@code onekey_gateway_} in the
 * Prometheus output and tagged with the protocol.
 */
public final class GatewayMetrics {

    public static final String FRAMES_IN = "onekey.gateway.frames.in";
    public static final String EVENTS_OUT = "onekey.gateway.events.out";
    public static final String INVALID_FRAMES = "onekey.gateway.frames.invalid";
    public static final String ANSWERS_OUT = "onekey.gateway.answers.out";
    public static final String REFUSED_DEVICES = "onekey.gateway.devices.refused";
    public static final String HANDOFF_FAILURES = "onekey.gateway.handoff.failures";
    public static final String OPEN_CONNECTIONS = "onekey.gateway.connections.open";
    public static final String REJECTED_CONNECTIONS = "onekey.gateway.connections.rejected";
    public static final String TOLERATED_DEFECTS = "onekey.gateway.frames.tolerated";
    public static final String UNKNOWN_MESSAGES = "onekey.gateway.messages.unknown";
    public static final String WITHHELD_ANSWERS = "onekey.gateway.answers.withheld";

    private static final int MAX_UNKNOWN_TYPES = 64;

    private final MeterRegistry registry;
    private final String protocol;
    private final Counter framesIn;
    private final Counter eventsOut;
    private final Counter answersOut;
    private final Counter refusedDevices;
    private final Counter handOffFailures;
    private final Counter rejectedConnections;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final ConcurrentMap<String, Counter> invalidByReason = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> toleratedByDefect = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> unknownByType = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> withheldByReason = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, Protocol protocol) {
        this.registry = registry;
        this.protocol = protocol.name().toLowerCase(Locale.ROOT);
        this.framesIn = counter(FRAMES_IN, "Frames received from devices");
        this.eventsOut = counter(EVENTS_OUT, "Device events handed off to the event log");
        this.answersOut = counter(ANSWERS_OUT, "Answers written to devices");
        this.refusedDevices = counter(REFUSED_DEVICES, "Frames refused because the device is not registered");
        this.handOffFailures = counter(HANDOFF_FAILURES, "Events the event log did not accept (device not answered)");
        this.rejectedConnections = counter(REJECTED_CONNECTIONS, "Connections closed at once by a connection limit");
        Gauge.builder(OPEN_CONNECTIONS, openConnections, AtomicInteger::get)
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
        invalidByReason.computeIfAbsent(reason, r -> Counter.builder(INVALID_FRAMES)
                .description("Frames that could not be used, by reason")
                .tag("protocol", protocol).tag("reason", r).register(registry)).increment();
    }

    /** A defect accepted by a documented decision (for example a miscounted length field). */
    public void toleratedDefect(String defect) {
        toleratedByDefect.computeIfAbsent(defect, d -> Counter.builder(TOLERATED_DEFECTS)
                .description("Frames accepted despite a known defect, by defect")
                .tag("protocol", protocol).tag("defect", d).register(registry)).increment();
    }

    /** A well-formed message of a type this build does not interpret; counted, answered where due. */
    public void unknownMessage(String type) {
        // Types come from devices: cap the number of distinct tags an attacker could create.
        String tag = unknownByType.containsKey(type) || unknownByType.size() < MAX_UNKNOWN_TYPES ? type : "other";
        unknownByType.computeIfAbsent(tag, t -> Counter.builder(UNKNOWN_MESSAGES)
                .description("Well-formed messages of a type not interpreted, by type")
                .tag("protocol", protocol).tag("type", t).register(registry)).increment();
    }

    /** An answer the protocol would give but that was not sent (to a claimed UDP sender, say), by reason. */
    public void answerWithheld(String reason) {
        withheldByReason.computeIfAbsent(reason, r -> Counter.builder(WITHHELD_ANSWERS)
                .description("Answers not sent, by reason (not the protocol's framing, over the per-address limit)")
                .tag("protocol", protocol).tag("reason", r).register(registry)).increment();
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }
}
