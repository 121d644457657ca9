package io.onekey.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every SLA target the server measures, built once from the configuration and handed to the
 * live tracker and to the report alike, so the two never disagree.
 *
 * @param window the rolling window of the live compliance gauges
 */
public record SlaTargets(List<SlaTarget> targets, Duration window) {

    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String ACKNOWLEDGED_LONG = "acknowledged_long";
    public static final String OFFERED = "offered";
    public static final String ACCEPTED = "accepted";
    public static final String ON_SCENE = "on_scene";
    public static final String SERVICE_CIRCLE = "service_circle";
    public static final String NOTIFIED = "notified";

    /** The priority whose alarms the system's own stages (offered, notified) are judged on: the life-threatening ones. */
    public static final String LIFE_THREATENING = "P1";

    public SlaTargets {
        targets = List.copyOf(targets);
    }

    /**
     * @param ackDeadlines     per priority name, the dispatcher's acknowledge deadline (escalation)
     * @param onSceneDeadlines per priority name, the on-scene deadline; a priority without one has no on-scene target
     * @param offerTimeout     a provider's time to answer an offer
     */
    public static SlaTargets of(SlaSettings settings, Map<String, Duration> ackDeadlines,
                                Map<String, Duration> onSceneDeadlines, Duration offerTimeout) {
        List<SlaTarget> list = new ArrayList<>();
        new TreeMap<>(ackDeadlines).forEach((priority, within) -> {
            list.add(new SlaTarget(ACKNOWLEDGED, SlaStage.RECEIVED_TO_ACKNOWLEDGED, priority, within, settings.acknowledgedShare()));
            // The second, looser bound means something only where the deadline itself is shorter.
            if (within.compareTo(settings.acknowledgedLongWithin()) < 0) {
                list.add(new SlaTarget(ACKNOWLEDGED_LONG, SlaStage.RECEIVED_TO_ACKNOWLEDGED, priority,
                        settings.acknowledgedLongWithin(), settings.acknowledgedLongShare()));
            }
            list.add(new SlaTarget(ACCEPTED, SlaStage.OFFERED_TO_ACCEPTED, priority, offerTimeout, settings.acceptedShare()));
        });
        new TreeMap<>(onSceneDeadlines).forEach((priority, within) ->
                list.add(new SlaTarget(ON_SCENE, SlaStage.RECEIVED_TO_ON_SCENE, priority, within, settings.onSceneShare())));
        list.add(new SlaTarget(SERVICE_CIRCLE, SlaStage.RECEIVED_TO_ON_SCENE, settings.serviceCirclePriority(),
                settings.serviceCircleWithin(), settings.serviceCircleShare()));
        list.add(new SlaTarget(OFFERED, SlaStage.RECEIVED_TO_OFFERED, LIFE_THREATENING, settings.offeredWithin(), settings.offeredShare()));
        list.add(new SlaTarget(NOTIFIED, SlaStage.RECEIVED_TO_NOTIFIED, LIFE_THREATENING, settings.notifiedWithin(),
                settings.notifiedShare()));
        return new SlaTargets(list, settings.window());
    }

    public List<SlaTarget> of(SlaStage stage, String priority) {
        return targets.stream().filter(t -> t.stage() == stage && t.priority().equals(priority)).toList();
    }

    public Optional<SlaTarget> find(String name, String priority) {
        return targets.stream().filter(t -> t.name().equals(name) && t.priority().equals(priority)).findFirst();
    }
}
