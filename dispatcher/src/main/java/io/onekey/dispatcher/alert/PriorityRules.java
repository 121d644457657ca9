package io.onekey.dispatcher.alert;

import io.onekey.device.event.AlarmKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How each kind of alarm is handled: its priority, whether it is offered to a provider at
 * once or waits for an operator, and the deadlines of each priority. Defaults follow DESIGN.md;
 * every part can be overridden in configuration.
 *
 * @param ackDeadlines     per priority: unacknowledged this long, the alert escalates
 * @param onSceneDeadlines per priority: nobody on scene this long after receipt, the SLA is breached;
 *                         a priority without an entry has no on-scene deadline
 */
public record PriorityRules(
        Map<AlarmKind, Priority> priorities,
        Set<AlarmKind> autoOffer,
        Map<Priority, Duration> ackDeadlines,
        Map<Priority, Duration> onSceneDeadlines) {

    public PriorityRules {
        priorities = Map.copyOf(priorities);
        autoOffer = autoOffer.isEmpty() ? Set.of() : Set.copyOf(autoOffer);
        ackDeadlines = Map.copyOf(ackDeadlines);
        onSceneDeadlines = Map.copyOf(onSceneDeadlines);
        for (AlarmKind kind : AlarmKind.values()) {
            if (!priorities.containsKey(kind)) {
                throw new IllegalArgumentException("dispatch.priorities has no priority for " + kind);
            }
        }
    }

    public static PriorityRules defaults() {
        Map<AlarmKind, Priority> priorities = new EnumMap<>(AlarmKind.class);
        for (AlarmKind kind : AlarmKind.values()) {
            priorities.put(kind, switch (kind) {
                case SOS, FALL, MEDICAL, PANIC, FIRE -> Priority.P1;
                // An alarm we cannot name might be a life: an operator looks at it before P3/P4 work.
                case GEOFENCE_EXIT, TERMINAL_OFFLINE, OTHER -> Priority.P2;
                // Not P1: it would count itself as the unacknowledged P1 it may be reporting.
                case PIPELINE_DEGRADED -> Priority.P2;
                case SERVICE_REQUEST -> Priority.P3;
                case LOW_BATTERY, POWER_LOSS, TAMPER, TEST, CANCEL -> Priority.P4;
            });
        }
        return new PriorityRules(priorities,
                EnumSet.of(AlarmKind.SOS, AlarmKind.FALL, AlarmKind.MEDICAL, AlarmKind.PANIC, AlarmKind.FIRE,
                        AlarmKind.SERVICE_REQUEST),
                Map.of(Priority.P1, Duration.ofSeconds(60), Priority.P2, Duration.ofSeconds(60),
                        Priority.P3, Duration.ofMinutes(5), Priority.P4, Duration.ofMinutes(30)),
                Map.of(Priority.P1, Duration.ofMinutes(15), Priority.P2, Duration.ofMinutes(30),
                        Priority.P3, Duration.ofHours(2)));
    }

    public Priority priorityOf(AlarmKind kind) {
        return priorities.get(kind);
    }

    public boolean offeredAtOnce(AlarmKind kind) {
        return priorityOf(kind) == Priority.P1 || autoOffer.contains(kind);
    }

    public Optional<Duration> ackDeadline(Priority priority) {
        return Optional.ofNullable(ackDeadlines.get(priority));
    }

    public Optional<Duration> onSceneDeadline(Priority priority) {
        return Optional.ofNullable(onSceneDeadlines.get(priority));
    }

    /** Applies {@code KIND=P#,...} priority overrides. */
    public PriorityRules withPriorities(String spec) {
        Map<AlarmKind, Priority> changed = new EnumMap<>(priorities);
        for (String entry : entries(spec)) {
            String[] pair = entry.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("dispatch.priorities: '" + entry + "' is not KIND=P1..P4");
            }
            changed.put(kind("dispatch.priorities", pair[0]), priority("dispatch.priorities", pair[1]));
        }
        return new PriorityRules(changed, autoOffer, ackDeadlines, onSceneDeadlines);
    }

    /** Replaces the kinds (besides P1) offered at once: {@code KIND,KIND}; empty for none. */
    public PriorityRules withAutoOffer(String spec) {
        Set<AlarmKind> kinds = EnumSet.noneOf(AlarmKind.class);
        for (String entry : entries(spec)) {
            kinds.add(kind("dispatch.autoOffer", entry));
        }
        return new PriorityRules(priorities, kinds, ackDeadlines, onSceneDeadlines);
    }

    public PriorityRules withDeadlines(Map<Priority, Duration> ack, Map<Priority, Duration> onScene) {
        return new PriorityRules(priorities, autoOffer, ack, onScene);
    }

    private static String[] entries(String spec) {
        return spec == null || spec.isBlank() ? new String[0] : spec.trim().split("\\s*,\\s*");
    }

    private static AlarmKind kind(String key, String name) {
        try {
            return AlarmKind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + name + "' is not an alarm kind");
        }
    }

    private static Priority priority(String key, String name) {
        try {
            return Priority.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + name + "' is not P1, P2, P3 or P4");
        }
    }
}
