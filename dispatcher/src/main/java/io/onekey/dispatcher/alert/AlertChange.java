package io.onekey.dispatcher.alert;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One saved change of an alert: the version before (none when the alert was opened), the
 * version saved, and, when the change calls for supervisors, why. Everything that follows
 * from a change (provider load, metrics, messages to operators and providers) is derived
 * from this record after the save, never before it.
 */
public record AlertChange(Alert before, Alert after, Optional<String> escalation) {

    public AlertChange {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(escalation, "escalation");
    }

    public boolean opened() {
        return before == null;
    }

    /** The offers as they were before the change, by id. */
    public Map<String, Offer> offersBefore() {
        return before == null ? Map.of()
                : before.offers().stream().collect(Collectors.toMap(Offer::id, Function.identity()));
    }

    /** Offers made by this change. */
    public List<Offer> newOffers() {
        Map<String, Offer> old = offersBefore();
        return after.offers().stream().filter(o -> !old.containsKey(o.id())).toList();
    }

    /** Offers that were pending before and are answered now (accepted, declined, expired, withdrawn). */
    public List<Offer> answeredOffers() {
        Map<String, Offer> old = offersBefore();
        return after.offers().stream()
                .filter(o -> !o.pending() && old.containsKey(o.id()) && old.get(o.id()).pending())
                .toList();
    }

    /** True when this change closed the alert (resolved or cancelled). */
    public boolean closed() {
        return before != null && before.state().isOpen() && !after.state().isOpen();
    }

    /** The actor's name on the last history entry: who made this change. */
    public String madeBy() {
        return after.history().isEmpty() ? Actor.SYSTEM : after.history().get(after.history().size() - 1).actor();
    }
}
