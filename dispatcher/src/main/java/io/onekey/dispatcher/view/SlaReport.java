package io.onekey.dispatcher.view;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertState;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.Offer;
import io.onekey.dispatcher.alert.OfferState;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.monitoring.SlaStage;
import io.onekey.monitoring.SlaTarget;
import io.onekey.monitoring.SlaTargets;
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
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The service-level report over a period, per day, provider, alert kind or priority, computed
 * from the stored alerts and their histories (so it survives restarts and agrees with them).
 * For every configured target (the same {@link SlaTargets} the live gauges use): how many alerts
 * reached the stage, the median, p90 and p99 of the time it took, and the share within target.
 *
 * <p>A share counts only the alerts whose outcome is known: those that reached the stage, and
 * those past the target's time without reaching it (missed). An alert closed before its
 * target's time without reaching the stage (a false alarm cancelled at once) is not judged; nor
 * is one still within its time. A share is null when no alert could be judged.
 *
 * <p>The flat fields of each row ({@code acknowledgedWithin60sShare}...) are kept for existing
 * clients; they judge every alert of the group against the P1 targets (by default 60 s, 180 s
 * and 15 minutes, whence their names).
 */
public final class SlaReport {

    public enum GroupBy {
        DAY(a -> a.receivedAt().atZone(ZoneOffset.UTC).toLocalDate().toString()),
        PROVIDER(a -> a.acceptedOffer().map(Offer::providerId).orElse("(none)")),
        KIND(a -> a.kind().name()),
        PRIORITY(a -> a.priority().name());

        private final Function<Alert, String> key;

        GroupBy(Function<Alert, String> key) {
            this.key = key;
        }
    }

    /** A stage's known outcome for one alert: judged or not, and the time it took if reached. */
    private record Outcome(boolean judged, boolean met, Duration elapsed) {
        static final Outcome OPEN = new Outcome(false, false, null);
    }

    /** The totals row's key in CSV. */
    static final String TOTAL = "(total)";

    private final SlaTargets targets;
    private final Instant now;
    private final Duration ackTarget;
    private final Duration ackTargetLong;
    private final Duration onSceneTargetP1;

    private SlaReport(SlaTargets targets, Instant now) {
        this.targets = targets;
        this.now = now;
        this.ackTarget = within(targets, SlaTargets.ACKNOWLEDGED, Duration.ofSeconds(60));
        this.ackTargetLong = within(targets, SlaTargets.ACKNOWLEDGED_LONG, Duration.ofSeconds(180));
        this.onSceneTargetP1 = within(targets, SlaTargets.ON_SCENE, Duration.ofMinutes(15));
    }

    private static Duration within(SlaTargets targets, String name, Duration fallback) {
        return targets.find(name, Priority.P1.name()).map(SlaTarget::within).orElse(fallback);
    }

    /**
     * @param now alerts still within a target when the report is made (not yet acknowledged but
     *            younger than 60 s, say) are left out of that target's share: their outcome is not known yet
     */
    public static JsonObject of(Collection<Alert> alerts, Instant from, Instant to, GroupBy groupBy, Instant now,
                                SlaTargets targets) {
        SlaReport report = new SlaReport(targets, now);
        Map<String, List<Alert>> groups = new TreeMap<>();
        for (Alert alert : alerts) {
            groups.computeIfAbsent(groupBy.key.apply(alert), k -> new ArrayList<>()).add(alert);
        }
        JsonArray rows = new JsonArray();
        groups.forEach((key, list) -> rows.add(report.row(list).put("key", key)));
        JsonArray objectives = new JsonArray();
        for (SlaTarget t : reported(targets)) {
            objectives.add(new JsonObject().put("target", t.name()).put("stage", t.stage().tag()).put("priority", t.priority())
                    .put("withinSeconds", seconds(t.within())).put("share", t.share()));
        }
        return new JsonObject()
                .put("from", from.toString())
                .put("to", to.toString())
                .put("groupBy", groupBy.name().toLowerCase(Locale.ROOT))
                .put("targets", new JsonObject()
                        .put("acknowledgedWithinSeconds", report.ackTarget.toSeconds())
                        .put("acknowledgedShareTarget", share(targets, SlaTargets.ACKNOWLEDGED, 0.975))
                        .put("acknowledgedWithinSecondsLong", report.ackTargetLong.toSeconds())
                        .put("acknowledgedLongShareTarget", share(targets, SlaTargets.ACKNOWLEDGED_LONG, 0.99))
                        .put("p1OnSceneWithinMinutes", report.onSceneTargetP1.toMinutes())
                        .put("objectives", objectives))
                .put("total", report.row(alerts))
                .put("groups", rows);
    }

    private static double share(SlaTargets targets, String name, double fallback) {
        return targets.find(name, Priority.P1.name()).map(SlaTarget::share).orElse(fallback);
    }

    /** The targets the stored history can judge: the provider's screen is not in it, so "notified" is live only. */
    private static List<SlaTarget> reported(SlaTargets targets) {
        return targets.targets().stream().filter(t -> t.stage() != SlaStage.RECEIVED_TO_NOTIFIED).toList();
    }

    private JsonObject row(Collection<Alert> alerts) {
        List<Duration> ack = new ArrayList<>();
        List<Duration> offered = new ArrayList<>();
        List<Duration> accepted = new ArrayList<>();
        int[] ack60 = new int[2];
        int[] ack180 = new int[2];
        int[] p1OnScene = new int[2];
        int p1 = 0;
        int escalated = 0;
        int breached = 0;
        for (Alert a : alerts) {
            tally(ack60, outcome(a, SlaStage.RECEIVED_TO_ACKNOWLEDGED, ackTarget));
            tally(ack180, outcome(a, SlaStage.RECEIVED_TO_ACKNOWLEDGED, ackTargetLong));
            add(ack, outcome(a, SlaStage.RECEIVED_TO_ACKNOWLEDGED, ackTarget));
            add(offered, outcome(a, SlaStage.RECEIVED_TO_OFFERED, ackTarget));
            add(accepted, outcome(a, SlaStage.OFFERED_TO_ACCEPTED, ackTarget));
            if (a.priority() == Priority.P1) {
                p1++;
                tally(p1OnScene, outcome(a, SlaStage.RECEIVED_TO_ON_SCENE, onSceneTargetP1));
            }
            escalated += a.flags().escalated() ? 1 : 0;
            breached += a.flags().slaBreached() ? 1 : 0;
        }
        JsonArray perTarget = new JsonArray();
        for (SlaTarget target : reported(targets)) {
            perTarget.add(targetRow(target, alerts));
        }
        return new JsonObject()
                .put("alerts", alerts.size())
                .put("acknowledged", ack.size())
                .put("acknowledgedWithin60sShare", share(ack60[1], ack60[0]))
                .put("acknowledgedWithin180sShare", share(ack180[1], ack180[0]))
                .put("receivedToAcknowledgedMedianSeconds", percentile(ack, 0.5))
                .put("receivedToOfferedMedianSeconds", percentile(offered, 0.5))
                .put("offeredToAcceptedMedianSeconds", percentile(accepted, 0.5))
                .put("p1", p1)
                .put("p1OnSceneWithin15MinShare", share(p1OnScene[1], p1OnScene[0]))
                .put("escalated", escalated)
                .put("slaBreached", breached)
                .put("targets", perTarget);
    }

    private JsonObject targetRow(SlaTarget target, Collection<Alert> alerts) {
        List<Duration> times = new ArrayList<>();
        int[] judged = new int[2];
        for (Alert a : alerts) {
            if (!a.priority().name().equals(target.priority())) {
                continue;
            }
            Outcome o = outcome(a, target.stage(), target.within());
            add(times, o);
            tally(judged, o);
        }
        return new JsonObject()
                .put("target", target.name())
                .put("stage", target.stage().tag())
                .put("priority", target.priority())
                .put("withinSeconds", seconds(target.within()))
                .put("objective", target.share())
                .put("count", times.size())
                .put("medianSeconds", percentile(times, 0.5))
                .put("p90Seconds", percentile(times, 0.9))
                .put("p99Seconds", percentile(times, 0.99))
                .put("judged", judged[0])
                .put("met", judged[1])
                .put("compliance", share(judged[1], judged[0]));
    }

    private static void tally(int[] judgedAndMet, Outcome o) {
        if (o.judged()) {
            judgedAndMet[0]++;
            judgedAndMet[1] += o.met() ? 1 : 0;
        }
    }

    private static void add(List<Duration> times, Outcome o) {
        if (o.elapsed() != null) {
            times.add(o.elapsed());
        }
    }

    /** How the alert fared at the stage against the time allowed, as far as is known now. */
    private Outcome outcome(Alert a, SlaStage stage, Duration within) {
        Instant start = startOf(a, stage);
        if (start == null) {
            return Outcome.OPEN;
        }
        Instant end = endOf(a, stage);
        if (end != null) {
            Duration elapsed = Duration.between(start, end);
            return new Outcome(true, elapsed.compareTo(within) <= 0, elapsed.isNegative() ? Duration.ZERO : elapsed);
        }
        Instant deadline = start.plus(within);
        Instant closedAt = reached(a, s -> !s.isOpen());
        boolean missed = closedAt != null ? closedAt.isAfter(deadline) : now.isAfter(deadline);
        return missed ? new Outcome(true, false, null) : Outcome.OPEN;
    }

    private static Instant startOf(Alert a, SlaStage stage) {
        if (stage == SlaStage.OFFERED_TO_ACCEPTED) {
            return a.offers().stream().filter(o -> o.state() == OfferState.ACCEPTED).findFirst()
                    .or(() -> a.offers().stream().findFirst()).map(Offer::offeredAt).orElse(null);
        }
        return a.receivedAt();
    }

    private static Instant endOf(Alert a, SlaStage stage) {
        return switch (stage) {
            case RECEIVED_TO_ACKNOWLEDGED -> a.timing().acknowledgedAt();
            case RECEIVED_TO_OFFERED -> a.offers().stream().findFirst().map(Offer::offeredAt).orElse(null);
            case OFFERED_TO_ACCEPTED -> a.offers().stream().filter(o -> o.state() == OfferState.ACCEPTED && o.answeredAt() != null)
                    .findFirst().map(Offer::answeredAt).orElse(null);
            case RECEIVED_TO_ON_SCENE -> reached(a, s -> s == AlertState.ON_SCENE);
            case RECEIVED_TO_NOTIFIED -> null;
        };
    }

    private static Instant reached(Alert alert, java.util.function.Predicate<AlertState> state) {
        return alert.history().stream().filter(h -> state.test(h.state())).map(HistoryEntry::at).findFirst().orElse(null);
    }

    private static Double share(long count, long of) {
        return of == 0 ? null : Math.round(1000.0 * count / of) / 1000.0;
    }

    /** Nearest rank: the smallest time that at least this share of the alerts took no longer than. */
    private static Double percentile(List<Duration> durations, double p) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return seconds(sorted.get(Math.max(0, rank - 1)));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** The report as CSV: one line per group and target, the totals first. */
    public static String csv(JsonObject report) {
        StringBuilder out = new StringBuilder(
                "group,target,stage,priority,within_seconds,objective,count,median_seconds,p90_seconds,p99_seconds,judged,met,compliance\r\n");
        csvRows(out, TOTAL, report.getJsonObject("total"));
        for (Object group : report.getJsonArray("groups")) {
            JsonObject row = (JsonObject) group;
            csvRows(out, row.getString("key"), row);
        }
        return out.toString();
    }

    private static void csvRows(StringBuilder out, String key, JsonObject row) {
        for (Object item : row.getJsonArray("targets")) {
            JsonObject t = (JsonObject) item;
            out.append(String.join(",", csvText(key), t.getString("target"), t.getString("stage"), t.getString("priority"),
                    num(t.getValue("withinSeconds")), num(t.getValue("objective")), num(t.getValue("count")),
                    num(t.getValue("medianSeconds")), num(t.getValue("p90Seconds")), num(t.getValue("p99Seconds")),
                    num(t.getValue("judged")), num(t.getValue("met")), num(t.getValue("compliance")))).append("\r\n");
        }
    }

    private static String num(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A group key is a day, a provider id, a kind or a priority; quoted when a provider id holds a comma or quote. */
    private static String csvText(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
