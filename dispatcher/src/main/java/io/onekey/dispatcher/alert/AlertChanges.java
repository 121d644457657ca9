package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.api.AlertJson;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.notify.LiveFeed;
import io.onekey.dispatcher.store.AlertStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/** Loads and saves alerts; every saved change is pushed to the operators' live feed. */
public final class AlertChanges {

    private final AlertStore store;
    private final LiveFeed feed;
    private final Clock clock;

    public AlertChanges(AlertStore store, LiveFeed feed, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.clock = clock;
    }

    public AlertStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public Future<Alert> load(String alertId) {
        return store.get(alertId).map(found -> found.orElseThrow(() -> DispatchException.notFound("no alert " + alertId)));
    }

    public Future<Alert> save(Alert alert) {
        return store.save(alert).map(v -> {
            feed.toOperators(new JsonObject().put("type", "alert").put("alert", AlertJson.alert(alert, clock.instant())));
            return alert;
        });
    }

    /** Tells supervisors about an escalation, an exhausted provider list or an SLA breach. */
    public void escalate(Alert alert, String reason) {
        feed.toSupervisors(new JsonObject().put("type", "escalation").put("reason", reason)
                .put("alert", AlertJson.alert(alert, clock.instant())));
    }
}
