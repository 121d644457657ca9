package io.onekey.dispatcher.care;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resident's request for a service in a wanted time window, from its filing to its
 * completion. Immutable: a change makes the next value through {@link #with()}.
 *
 * @param offerAt     when it is (or was) first offered: the window's start less the type's lead
 * @param arriveBy    the SLA: the window's start plus the type's arrival target
 * @param arrivalDistanceMeters how far from the resident's home the worker reported arrival (proof of presence)
 * @param lateFlagged the arrival deadline passed without an arrival; supervisors were told
 */
public record CareRequest(
        String id,
        String residentId,
        String typeId,
        CareLane lane,
        Instant windowStart,
        Instant windowEnd,
        CareChannel channel,
        String requestedBy,
        String note,
        CareState state,
        Instant createdAt,
        Instant offerAt,
        Instant arriveBy,
        List<CareOffer> offers,
        String providerId,
        String workerId,
        Instant arrivedAt,
        Double arrivalDistanceMeters,
        Instant completedAt,
        boolean lateFlagged,
        List<CareStep> history) {

    public CareRequest {
        offers = offers == null ? List.of() : List.copyOf(offers);
        history = history == null ? List.of() : List.copyOf(history);
    }

    public Optional<CareOffer> pendingOffer() {
        return offers.stream().filter(CareOffer::pending).findFirst();
    }

    /** Whether the arrival met its target: empty while nobody has arrived. */
    public Optional<Boolean> onTime() {
        return arrivedAt == null ? Optional.empty() : Optional.of(!arrivedAt.isAfter(arriveBy));
    }

    public Change with() {
        return new Change(this);
    }

    /** The next value of a request, field by field. */
    public static final class Change {
        private final CareRequest base;
        private CareState state;
        private final List<CareOffer> offers;
        private String providerId;
        private String workerId;
        private Instant arrivedAt;
        private Double arrivalDistanceMeters;
        private Instant completedAt;
        private boolean lateFlagged;
        private final List<CareStep> history;

        private Change(CareRequest base) {
            this.base = base;
            this.state = base.state;
            this.offers = new ArrayList<>(base.offers);
            this.providerId = base.providerId;
            this.workerId = base.workerId;
            this.arrivedAt = base.arrivedAt;
            this.arrivalDistanceMeters = base.arrivalDistanceMeters;
            this.completedAt = base.completedAt;
            this.lateFlagged = base.lateFlagged;
            this.history = new ArrayList<>(base.history);
        }

        public Change state(CareState value) {
            state = value;
            return this;
        }

        public Change offer(CareOffer offer) {
            offers.add(offer);
            return this;
        }

        /** Replaces the provider's pending offer. */
        public Change answer(String provider, CareOffer.State to) {
            offers.replaceAll(o -> o.pending() && o.providerId().equals(provider) ? o.answered(to) : o);
            return this;
        }

        public Change provider(String value) {
            providerId = value;
            return this;
        }

        public Change worker(String value) {
            workerId = value;
            return this;
        }

        /** @param distanceMeters null when the worker had no position to report */
        public Change arrived(Instant at, Double distanceMeters) {
            arrivedAt = at;
            arrivalDistanceMeters = distanceMeters;
            return this;
        }

        public Change completed(Instant at) {
            completedAt = at;
            return this;
        }

        public Change late() {
            lateFlagged = true;
            return this;
        }

        public Change step(Instant at, String actor, String action, String note) {
            history.add(new CareStep(at, actor, action, note));
            return this;
        }

        public CareRequest done() {
            return new CareRequest(base.id, base.residentId, base.typeId, base.lane, base.windowStart, base.windowEnd,
                    base.channel, base.requestedBy, base.note, state, base.createdAt, base.offerAt, base.arriveBy, offers,
                    providerId, workerId, arrivedAt, arrivalDistanceMeters, completedAt, lateFlagged, history);
        }
    }
}
