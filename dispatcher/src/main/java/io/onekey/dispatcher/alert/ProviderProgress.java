package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.geo.GeoPoint;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Locale;

/**
 * What a provider does with a job: answer the offer, go, arrive, finish. Only the provider
 * the offer was made to may answer it, and only the one who accepted may report progress;
 * to anyone else the offer or alert does not exist (404), so nothing leaks.
 */
public final class ProviderProgress {

    private final AlertChanges changes;
    private final OfferFlow offers;
    private final double onSceneMaxDistanceMeters;

    public ProviderProgress(AlertChanges changes, OfferFlow offers, double onSceneMaxDistanceMeters) {
        this.changes = changes;
        this.offers = offers;
        this.onSceneMaxDistanceMeters = onSceneMaxDistanceMeters;
    }

    public Future<Alert> accept(String offerId, Actor provider) {
        return byOffer(offerId).compose(alert -> offers.accept(alert, offerId, provider));
    }

    public Future<Alert> decline(String offerId, Actor provider, String reason) {
        return byOffer(offerId).compose(alert ->
                offers.decline(alert, offerId, provider, reason, AlertService.serviceOf(alert).orElse(null)));
    }

    public Future<Alert> enRoute(String alertId, Actor provider, GeoPoint at) {
        return accepted(alertId, provider).compose(alert -> changes.save(alert.edit()
                .history(new HistoryEntry(now(), provider.name(), "en-route", alert.state(), position(at, alert)))));
    }

    /**
     * Arrival, with the provider's reported position as proof of presence; far from the
     * resident, supervisors are told. Without a position the history says so: no position is
     * ever assumed for a crew. A second resource arriving after the first is recorded only.
     */
    public Future<Alert> onScene(String alertId, Actor provider, GeoPoint at) {
        return accepted(alertId, provider).compose(alert -> {
            Instant now = now();
            Alert.Builder edit = alert.edit();
            if (alert.state() == AlertState.ACCEPTED) {
                AlertTransitions.move(edit, AlertState.ON_SCENE, provider.name(), position(at, alert), now);
            } else {
                edit.history(new HistoryEntry(now, provider.name(), "on-scene", alert.state(), position(at, alert)));
            }
            double distance = distance(at, alert);
            boolean far = distance > onSceneMaxDistanceMeters;
            if (far) {
                edit.flags(alert.flags().withOnSceneFar());
            }
            if (far) {
                return changes.saveAndEscalate(edit, String.format(Locale.ROOT,
                        "on-scene position reported %.0f m from the resident (limit %.0f m)", distance, onSceneMaxDistanceMeters));
            }
            return changes.save(edit);
        });
    }

    /** The first crew to accept closes the alert; an additional resource finishing is recorded only. */
    public Future<Alert> complete(String alertId, Actor provider, String note) {
        return accepted(alertId, provider).compose(alert -> {
            Instant now = now();
            Alert.Builder edit = alert.edit();
            boolean lead = alert.acceptedOffer().map(o -> provider.isProvider(o.providerId())).orElse(false);
            if (!lead) {
                return changes.save(edit.history(new HistoryEntry(now, provider.name(), "completed", alert.state(),
                        note == null ? "additional resource finished" : "additional resource finished: " + note)));
            }
            AlertTransitions.move(edit, AlertState.RESOLVED, provider.name(), note, now);
            return changes.save(edit);
        });
    }

    private Future<Alert> byOffer(String offerId) {
        return changes.store().byOffer(offerId)
                .map(found -> found.orElseThrow(() -> DispatchException.notFound("no offer " + offerId)));
    }

    private Future<Alert> accepted(String alertId, Actor provider) {
        return changes.load(alertId).map(alert -> {
            boolean mine = alert.offers().stream()
                    .anyMatch(o -> o.state() == OfferState.ACCEPTED && provider.isProvider(o.providerId()));
            if (!mine) {
                throw DispatchException.notFound("no alert " + alertId);
            }
            return alert;
        });
    }

    private String position(GeoPoint at, Alert alert) {
        if (at == null) {
            return "position unavailable";
        }
        double distance = distance(at, alert);
        return String.format(Locale.ROOT, "reported at %.6f, %.6f%s", at.lat(), at.lon(),
                Double.isNaN(distance) ? "" : String.format(Locale.ROOT, ", %.0f m from the resident", distance));
    }

    private static double distance(GeoPoint at, Alert alert) {
        if (at == null || alert.position() == null) {
            return Double.NaN;
        }
        return at.distanceMeters(new GeoPoint(alert.position().lat(), alert.position().lon()));
    }

    private Instant now() {
        return changes.clock().instant();
    }
}
