package io.onekey.dispatcher.notify;

import io.onekey.dispatcher.care.CareListener;
import io.onekey.dispatcher.care.CareOffer;
import io.onekey.dispatcher.care.CareRequest;
import io.onekey.dispatcher.care.CareState;
import io.onekey.dispatcher.view.CareJson;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Service requests on the live feed: operators see every change; a provider hears of an offer
 * made to it; supervisors of a request nobody took or nobody arrived for in time.
 */
public final class CareFeed implements CareListener {

    private final LiveFeed feed;

    public CareFeed(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public void changed(CareRequest before, CareRequest after) {
        JsonObject view = CareJson.request(after, false);
        feed.toOperators(new JsonObject().put("type", "care").put("request", view));
        Set<String> pendingBefore = before == null ? Set.of()
                : before.offers().stream().filter(CareOffer::pending).map(CareOffer::providerId).collect(Collectors.toSet());
        after.pendingOffer().filter(o -> !pendingBefore.contains(o.providerId())).ifPresent(o ->
                feed.toProvider(o.providerId(), new JsonObject().put("type", "care-offer")
                        .put("request", CareJson.request(after, true)).put("expiresAt", o.expiresAt().toString())));
        boolean newlyUnassigned = after.state() == CareState.UNASSIGNED && (before == null || before.state() != CareState.UNASSIGNED);
        boolean newlyLate = after.lateFlagged() && (before == null || !before.lateFlagged());
        if (newlyUnassigned || newlyLate) {
            feed.toSupervisors(new JsonObject().put("type", "care-escalation")
                    .put("reason", newlyLate ? "late" : "unassigned").put("request", view));
        }
    }
}
