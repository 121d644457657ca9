package io.onekey.monitoring;

/**
 * Every OneKey metric name, in one place: the gateway's, the event log's, the dispatcher's,
 * the notifications', the SLA tracker's and the watchdog's. Micrometer names use dots; the
 * Prometheus output turns them into underscores and adds the unit and {@code _total} for
 * counters ({@code onekey.gateway.frames.in} is scraped as {@code onekey_gateway_frames_in_total}).
 * The Grafana dashboard and the alert rules in {@code monitoring/} use the scraped names; a test
 * checks that each one they use is exported.
 */
public final class MetricNames {

    // ---- gateway, tagged by protocol
    public static final String GATEWAY_CONNECTIONS_OPEN = "onekey.gateway.connections.open";
    public static final String GATEWAY_CONNECTIONS_REJECTED = "onekey.gateway.connections.rejected";
    public static final String GATEWAY_FRAMES_IN = "onekey.gateway.frames.in";
    /** Bad frames, tagged by reason. */
    public static final String GATEWAY_FRAMES_INVALID = "onekey.gateway.frames.invalid";
    public static final String GATEWAY_FRAMES_TOLERATED = "onekey.gateway.frames.tolerated";
    public static final String GATEWAY_MESSAGES_UNKNOWN = "onekey.gateway.messages.unknown";
    public static final String GATEWAY_EVENTS_OUT = "onekey.gateway.events.out";
    public static final String GATEWAY_ANSWERS_OUT = "onekey.gateway.answers.out";
    public static final String GATEWAY_ANSWERS_WITHHELD = "onekey.gateway.answers.withheld";
    public static final String GATEWAY_DEVICES_REFUSED = "onekey.gateway.devices.refused";
    public static final String GATEWAY_HANDOFF_FAILURES = "onekey.gateway.handoff.failures";
    /** Bytes read from device connections (base unit bytes: {@code onekey_gateway_received_bytes_total}). */
    public static final String GATEWAY_RECEIVED = "onekey.gateway.received";
    public static final String GATEWAY_SENT = "onekey.gateway.sent";

    // ---- event log
    /** Events appended, tagged by lane and outcome (stored, refused). */
    public static final String EVENT_LOG_APPENDS = "onekey.eventlog.appends";
    public static final String EVENT_LOG_APPEND_LATENCY = "onekey.eventlog.append.latency";
    /** Events stored and not yet processed. */
    public static final String EVENT_LOG_BACKLOG = "onekey.eventlog.backlog";
    /** Consumer lag: how long the oldest event not yet processed has been waiting (seconds). */
    public static final String EVENT_LOG_LAG = "onekey.eventlog.lag";
    public static final String EVENTS_CONSUMED = "onekey.dispatcher.events.consumed";
    public static final String EVENTS_DUPLICATE = "onekey.dispatcher.events.duplicate";

    // ---- devices
    public static final String DEVICES_ONLINE = "onekey.devices.online";
    public static final String DEVICES_REGISTERED = "onekey.devices.registered";
    /** Time since the last event from any device (seconds). */
    public static final String DEVICES_SILENCE = "onekey.devices.silence";

    // ---- dispatcher
    /** Alerts opened, tagged by kind and priority. */
    public static final String ALERTS_OPENED = "onekey.alerts.opened";
    /** Open alerts, tagged by state. */
    public static final String ALERTS_OPEN = "onekey.alerts.open";
    /** Age of the oldest open alert no operator acknowledged, tagged by priority (seconds; 0 when none). */
    public static final String ALERTS_UNACKNOWLEDGED_OLDEST = "onekey.alerts.unacknowledged.oldest";
    public static final String ALERTS_DELAYED = "onekey.alerts.delayed";
    /** Escalations to supervisors, tagged by reason (unacknowledged, sla_breached, unassigned, pipeline). */
    public static final String ALERTS_ESCALATED = "onekey.alerts.escalated";
    public static final String ALERTS_UNASSIGNED = "onekey.alerts.unassigned";
    public static final String OFFERS_SENT = "onekey.offers.sent";
    public static final String OFFERS_DECLINED = "onekey.offers.declined";
    /** Offers not answered within the offer timeout. */
    public static final String OFFERS_EXPIRED = "onekey.offers.expired";

    // ---- notifications and API
    public static final String WEBSOCKETS_OPEN = "onekey.websockets.open";
    public static final String WEBHOOK_ATTEMPTS = "onekey.webhooks.attempts";
    public static final String WEBHOOK_ATTEMPTS_FAILED = "onekey.webhooks.attempts.failed";
    public static final String WEBHOOKS_DELIVERED = "onekey.webhooks.delivered";
    public static final String WEBHOOKS_REFUSED = "onekey.webhooks.refused";
    /** API requests answered with an error status, tagged by status. */
    public static final String HTTP_REQUESTS_REJECTED = "onekey.http.requests.rejected";
    public static final String AUTH_FAILURES = "onekey.auth.failures";

    // ---- SLA
    /** Time taken by each stage, tagged by stage; a percentile histogram. */
    public static final String SLA_STAGE = "onekey.sla.stage";
    /** Share within target over the rolling window, tagged by target, stage and priority. */
    public static final String SLA_COMPLIANCE = "onekey.sla.compliance";
    /** Alerts the compliance share is computed from (same tags). */
    public static final String SLA_WINDOW_SAMPLES = "onekey.sla.window.samples";
    /** The share a target asks for (same tags). */
    public static final String SLA_OBJECTIVE = "onekey.sla.objective";
    /** The time a target allows (seconds, same tags). */
    public static final String SLA_OBJECTIVE_WITHIN = "onekey.sla.objective.within";
    /** Stages that took longer than a target allows, tagged by target and priority. */
    public static final String SLA_BREACHES = "onekey.sla.breaches";

    // ---- watchdog
    /** 1 while a watched condition is beyond its bound, tagged by condition. */
    public static final String WATCHDOG_CONDITION = "onekey.watchdog.condition";
    /** Times a condition went beyond its bound (each raised one supervisor alert). */
    public static final String WATCHDOG_RAISED = "onekey.watchdog.raised";

    // ---- process (Micrometer's JVM and process binders name the rest)
    /** Micrometer's {@code system.cpu.count}, renamed: Prometheus reserves {@code _count} for histograms. */
    public static final String SYSTEM_CPU_PROCESSORS = "system.cpu.processors";

    private MetricNames() {
    }
}
