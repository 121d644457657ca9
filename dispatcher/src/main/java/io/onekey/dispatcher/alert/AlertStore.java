package io.onekey.dispatcher.alert;


import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alerts, open and recent, with the indexes the dispatcher needs. */
public interface AlertStore {

    /**
     * Saves the next version of an alert. Fails with 409 when the stored alert is not the
     * version this one was made from: a change based on a stale copy never overwrites another.
     * A durable store may apply the change to what it reads at once and complete the future only
     * once the change is durable; a stale copy is refused at once either way.
     */
    Future<Void> save(Alert alert);

    /**
     * True for a shared store, which learns that a copy was stale only from the shared server's
     * reply: a change then waits for the save before anything follows from it.
     */
    default boolean decidesOnReply() {
        return false;
    }

    /** Completes once every change saved so far is durable. */
    default Future<Void> flushed() {
        return Future.succeededFuture();
    }

    Future<Optional<Alert>> get(String id);

    /** The alert an offer belongs to. */
    Future<Optional<Alert>> byOffer(String offerId);

    /** Open alerts first, by priority then age; then closed ones, newest first. */
    Future<List<Alert>> list(AlertQuery query);

    /** The open alerts of a subject (see {@link AlertSubjects}). */
    Future<List<Alert>> openOf(String subject);

    /** Ids of open alerts with a deadline (offer expiry, acknowledge, on scene) at or before {@code now}. */
    Future<List<String>> due(Instant now);

    /** Open alerts that have a pending offer to this provider, or that it accepted. */
    Future<List<Alert>> ofProvider(String providerId);

    /** Alerts received in [from, to), for reports. */
    Future<List<Alert>> receivedBetween(Instant from, Instant to);

    /** Forgets alerts closed before the cutoff (the embedded store keeps a week); returns how many. */
    Future<Integer> forgetClosedBefore(Instant cutoff);

    /** How many alerts are open. */
    long openCount();
}
