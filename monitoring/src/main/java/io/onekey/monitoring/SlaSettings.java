package io.onekey.monitoring;

import java.time.Duration;

/**
 * The SLA settings that are not dispatch deadlines (the key of each is in brackets). The time
 * allowed to acknowledge and to be on scene is the dispatcher's own deadline for the priority
 * ({@code dispatch.ackDeadline.P1}, {@code dispatch.onSceneDeadline.P1}): the same setting
 * escalates the alert, times the compliance gauge and judges the report.
 *
 * @param acknowledgedShare     share acknowledged within the priority's ack deadline [sla.acknowledged.share]
 * @param acknowledgedLongWithin the alarm-centre standard's second bound [sla.acknowledgedLong.within]
 * @param acknowledgedLongShare [sla.acknowledgedLong.share]
 * @param onSceneShare          share with somebody on scene within the priority's on-scene deadline [sla.onScene.share]
 * @param serviceCirclePriority the priority of service requests [sla.serviceCircle.priority]
 * @param serviceCircleWithin   the service circle: on the doorstep within this [sla.serviceCircle.within]
 * @param serviceCircleShare    [sla.serviceCircle.share]
 * @param offeredWithin         life-threatening alarms offered to a provider within this [sla.offered.within]
 * @param offeredShare          [sla.offered.share]
 * @param acceptedShare         offers accepted within the offer timeout [sla.accepted.share]
 * @param notifiedWithin        the provider's screen shows the offer within this of the frame's arrival [sla.notified.within]
 * @param notifiedShare         [sla.notified.share]
 * @param window                the rolling window of the live compliance gauges [sla.window]
 */
public record SlaSettings(
        double acknowledgedShare,
        Duration acknowledgedLongWithin,
        double acknowledgedLongShare,
        double onSceneShare,
        String serviceCirclePriority,
        Duration serviceCircleWithin,
        double serviceCircleShare,
        Duration offeredWithin,
        double offeredShare,
        double acceptedShare,
        Duration notifiedWithin,
        double notifiedShare,
        Duration window) {

    public SlaSettings {
        if (window == null || window.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("sla.window must be at least 1m");
        }
    }

    /** The alarm-centre standard (97.5 % in 60 s, 99 % in 180 s), P1 on scene 90 % in 15 min, the 15-minute service circle. */
    public static SlaSettings defaults() {
        return new SlaSettings(0.975, Duration.ofSeconds(180), 0.99, 0.90, "P3", Duration.ofMinutes(15), 0.90,
                Duration.ofSeconds(5), 0.99, 0.90, Duration.ofSeconds(5), 0.99, Duration.ofHours(1));
    }
}
