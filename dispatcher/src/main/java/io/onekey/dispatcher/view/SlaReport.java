package io.onekey.dispatcher.view;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.alert.Priority;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The service-level report over a period, per day, provider or alert kind: how many alerts,
 * how many were answered by an operator within 60 s and 180 s (the alarm-centre standard asks
 * 97.5 % and 99 %), how fast they were offered and accepted, and how many P1 had someone on
 * scene within 15 minutes. Computed from the alerts themselves, so it agrees with their history.
 * A share counts only the alerts whose outcome is known; it is null when there are none yet.
 */
public final class SlaReport {

    public static final Duration ACK_TARGET = Duration.ofSeconds(60);
    public static final Duration ACK_TARGET_LONG = Duration.ofSeconds(180);
    public static final Duration ON_SCENE_TARGET_P1 = Duration.ofMinutes(15);

    public enum GroupBy {
        DAY(a -> a.receivedAt().atZone(ZoneOffset.UTC).toLocalDate().toString()),
        PROVIDER(a -> a.acceptedOffer().map(Offer::providerId).orElse("(none)")),
        KIND(a -> a.kind().name());

        private final Function<Alert, String> key;

        GroupBy(Function<Alert, String> key) {
            this.key = key;
        }
    }

    private SlaReport() {
    }

    /**
     * @param now alerts still within a target when the report is made (not yet acknowledged but
     *            younger than 60 s, say) are left out of that target's share: their outcome is not known yet
     */
    public static JsonObject of(Collection<Alert> alerts, Instant from, Instant to, GroupBy groupBy, Instant now) {
        Map<String, List<Alert>> groups = new TreeMap<>();
        for (Alert alert : alerts) {
            groups.computeIfAbsent(groupBy.key.apply(alert), k -> new ArrayList<>()).add(alert);
        }
        JsonArray rows = new JsonArray();
        groups.forEach((key, list) -> rows.add(row(list, now).put("key", key)));
        return new JsonObject()
                .put("from", from.toString())
                .put("to", to.toString())
                .put("groupBy", groupBy.name().toLowerCase(Locale.ROOT))
                .put("targets", new JsonObject()
                        .put("acknowledgedWithinSeconds", ACK_TARGET.toSeconds()).put("acknowledgedShareTarget", 0.975)
                        .put("acknowledgedWithinSecondsLong", ACK_TARGET_LONG.toSeconds()).put("acknowledgedLongShareTarget", 0.99)
                        .put("p1OnSceneWithinMinutes", ON_SCENE_TARGET_P1.toMinutes()))
                .put("total", row(alerts, now))
                .put("groups", rows);
    }

    private static JsonObject row(Collection<Alert> alerts, Instant now) {
        List<Duration> ack = new ArrayList<>();
        int ackDecided = 0;
        int ackDecidedLong = 0;
        int p1Decided = 0;
        List<Duration> offered = new ArrayList<>();
        List<Duration> accepted = new ArrayList<>();
        int p1 = 0;
        int p1OnSceneInTime = 0;
        int escalated = 0;
        int breached = 0;
        for (Alert a : alerts) {
            Duration age = Duration.between(a.receivedAt(), now);
            if (a.timing().acknowledgedAt() != null) {
                ack.add(Duration.between(a.receivedAt(), a.timing().acknowledgedAt()));
            }
            // Known outcome: acknowledged, or closed, or already past the target unacknowledged.
            boolean ackKnown = a.timing().acknowledgedAt() != null || !a.state().isOpen();
            ackDecided += ackKnown || age.compareTo(ACK_TARGET) > 0 ? 1 : 0;
            ackDecidedLong += ackKnown || age.compareTo(ACK_TARGET_LONG) > 0 ? 1 : 0;
            a.offers().stream().findFirst().ifPresent(o -> offered.add(Duration.between(a.receivedAt(), o.offeredAt())));
            a.offers().stream().filter(o -> o.state() == OfferState.ACCEPTED && o.answeredAt() != null).findFirst()
                    .ifPresent(o -> accepted.add(Duration.between(o.offeredAt(), o.answeredAt())));
            if (a.priority() == Priority.P1) {
                p1++;
                Optional<Instant> onScene = reached(a, AlertState.ON_SCENE);
                p1Decided += onScene.isPresent() || !a.state().isOpen() || age.compareTo(ON_SCENE_TARGET_P1) > 0 ? 1 : 0;
                if (onScene.isPresent() && Duration.between(a.receivedAt(), onScene.get()).compareTo(ON_SCENE_TARGET_P1) <= 0) {
                    p1OnSceneInTime++;
                }
            }
            escalated += a.flags().escalated() ? 1 : 0;
            breached += a.flags().slaBreached() ? 1 : 0;
        }
        int n = alerts.size();
        return new JsonObject()
                .put("alerts", n)
                .put("acknowledged", ack.size())
                .put("acknowledgedWithin60sShare", share(ack.stream().filter(d -> d.compareTo(ACK_TARGET) <= 0).count(), ackDecided))
                .put("acknowledgedWithin180sShare", share(ack.stream().filter(d -> d.compareTo(ACK_TARGET_LONG) <= 0).count(), ackDecidedLong))
                .put("receivedToAcknowledgedMedianSeconds", median(ack))
                .put("receivedToOfferedMedianSeconds", median(offered))
                .put("offeredToAcceptedMedianSeconds", median(accepted))
                .put("p1", p1)
                .put("p1OnSceneWithin15MinShare", share(p1OnSceneInTime, p1Decided))
                .put("escalated", escalated)
                .put("slaBreached", breached);
    }

    private static Optional<Instant> reached(Alert alert, AlertState state) {
        return alert.history().stream().filter(h -> h.state() == state).map(HistoryEntry::at).findFirst();
    }

    private static Double share(long count, long of) {
        return of == 0 ? null : Math.round(1000.0 * count / of) / 1000.0;
    }

    private static Double median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return sorted.get(sorted.size() / 2).toMillis() / 1000.0;
    }
}
