package io.onekey.monitoring;

/**
 * Every dispatcher metric name, in one place. Micrometer names use dots; the Prometheus
 * output turns them into underscores (and adds {@code _seconds}, {@code _total}...).
 * The gateway's per-protocol meters are named in {@code io.onekey.device.session.GatewayMetrics}.
 */
public final class MetricNames {

    public static final String SLA_STAGE = "onekey.sla.stage";
    public static final String SLA_COMPLIANCE = "onekey.sla.compliance";
    public static final String EVENTS_CONSUMED = "onekey.dispatcher.events.consumed";
    public static final String EVENTS_DUPLICATE = "onekey.dispatcher.events.duplicate";
    public static final String EVENT_LOG_BACKLOG = "onekey.eventlog.backlog";
    public static final String ALERTS_OPENED = "onekey.alerts.opened";
    public static final String ALERTS_OPEN = "onekey.alerts.open";
    public static final String ALERTS_DELAYED = "onekey.alerts.delayed";
    public static final String OFFERS_SENT = "onekey.offers.sent";
    public static final String ALERTS_UNASSIGNED = "onekey.alerts.unassigned";
    public static final String DEVICES_ONLINE = "onekey.devices.online";
    public static final String WEBSOCKETS_OPEN = "onekey.websockets.open";
    public static final String WEBHOOKS_DELIVERED = "onekey.webhooks.delivered";
    public static final String WEBHOOK_ATTEMPTS_FAILED = "onekey.webhooks.attempts.failed";
    public static final String WEBHOOKS_REFUSED = "onekey.webhooks.refused";
    public static final String HTTP_REQUESTS_REJECTED = "onekey.http.requests.rejected";
    public static final String AUTH_FAILURES = "onekey.auth.failures";

    private MetricNames() {
    }
}
