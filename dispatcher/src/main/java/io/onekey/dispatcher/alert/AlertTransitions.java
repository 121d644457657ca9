package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.error.DispatchException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The alert life cycle as one table. Every change of state goes through {@link #move}, which
 * refuses what the table does not allow (409 at the API) and stamps the history.
 *
 * <pre>
 * NEW ─▶ ACKNOWLEDGED ─▶ DISPATCHED ─▶ ACCEPTED ─▶ ON_SCENE ─▶ RESOLVED
 *   └───────────────────── CANCELLED ◀──────────────┘
 * </pre>
 * A P1 alert is offered at once: NEW ─▶ DISPATCHED, and the operator's acknowledgement is
 * stamped without a change of state. When every candidate declined or timed out, DISPATCHED
 * returns to NEW or ACKNOWLEDGED for the operators to decide.
 */
public final class AlertTransitions {

    private static final Map<AlertState, Set<AlertState>> ALLOWED = new EnumMap<>(AlertState.class);

    static {
        ALLOWED.put(AlertState.NEW, EnumSet.of(AlertState.ACKNOWLEDGED, AlertState.DISPATCHED, AlertState.RESOLVED,
                AlertState.CANCELLED));
        ALLOWED.put(AlertState.ACKNOWLEDGED, EnumSet.of(AlertState.DISPATCHED, AlertState.RESOLVED, AlertState.CANCELLED));
        ALLOWED.put(AlertState.DISPATCHED, EnumSet.of(AlertState.NEW, AlertState.ACKNOWLEDGED, AlertState.ACCEPTED,
                AlertState.RESOLVED, AlertState.CANCELLED));
        ALLOWED.put(AlertState.ACCEPTED, EnumSet.of(AlertState.ON_SCENE, AlertState.RESOLVED, AlertState.CANCELLED));
        ALLOWED.put(AlertState.ON_SCENE, EnumSet.of(AlertState.RESOLVED));
        ALLOWED.put(AlertState.RESOLVED, EnumSet.noneOf(AlertState.class));
        ALLOWED.put(AlertState.CANCELLED, EnumSet.noneOf(AlertState.class));
    }

    private AlertTransitions() {
    }

    public static boolean allowed(AlertState from, AlertState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Moves the alert being edited to a new state, or throws 409 naming both states. */
    public static Alert.Builder move(Alert.Builder alert, AlertState to, String actor, String note, Instant at) {
        AlertState from = alert.state();
        if (!allowed(from, to)) {
            throw DispatchException.conflict("an alert in state " + from + " cannot become " + to);
        }
        alert.state(to).history(new HistoryEntry(at, actor, to.name().toLowerCase(Locale.ROOT), to, note));
        if (!to.isOpen()) {
            alert.timing(alert.timing().closed(at));
        }
        return alert;
    }
}
