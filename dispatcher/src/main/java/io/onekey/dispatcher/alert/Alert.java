package io.onekey.dispatcher.alert;

import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An alert: one resident's need, from the first press to its resolution. Immutable; every
 * change goes through {@link #edit()} and makes the next version (the version number lets a
 * shared store apply changes atomically).
 *
 * @param residentId null when the device is not assigned to a resident yet
 * @param receivedAt when the first frame reached the server: the start of every SLA clock
 * @param rawCode    the device's own code for the first alarm
 * @param position   where the resident is believed to be; null if nothing is known
 */
public record Alert(
        String id,
        long version,
        AlertState state,
        Priority priority,
        AlarmKind kind,
        String residentId,
        String deviceId,
        Protocol protocol,
        String rawCode,
        AlertPosition position,
        int pressCount,
        Instant receivedAt,
        Instant lastPressAt,
        AlertFlags flags,
        AlertTiming timing,
        List<HistoryEntry> history,
        List<Offer> offers) {

    public Alert {
        history = List.copyOf(history);
        offers = List.copyOf(offers);
    }

    public Builder edit() {
        return new Builder(this);
    }

    public Optional<Offer> offer(String offerId) {
        return offers.stream().filter(o -> o.id().equals(offerId)).findFirst();
    }

    public Optional<Offer> pendingOffer() {
        return offers.stream().filter(Offer::pending).findFirst();
    }

    public Optional<Offer> acceptedOffer() {
        return offers.stream().filter(o -> o.state() == OfferState.ACCEPTED).findFirst();
    }

    public boolean acknowledged() {
        return timing.acknowledgedAt() != null;
    }

    /** The earliest clock still running: an offer's expiry, the acknowledge or the on-scene deadline. */
    public Optional<Instant> nextDeadline() {
        if (!state.isOpen()) {
            return Optional.empty();
        }
        Stream<Instant> offerExpiries = offers.stream().filter(Offer::pending).map(Offer::expiresAt);
        Stream<Instant> ack = !acknowledged() && !flags.escalated() && timing.ackDeadline() != null
                ? Stream.of(timing.ackDeadline()) : Stream.empty();
        Stream<Instant> onScene = !flags.slaBreached() && state.before(AlertState.ON_SCENE) && timing.onSceneDeadline() != null
                ? Stream.of(timing.onSceneDeadline()) : Stream.empty();
        return Stream.of(offerExpiries, ack, onScene).flatMap(s -> s).min(Instant::compareTo);
    }

    /** Collects changes; {@link #build()} makes the next version. */
    public static final class Builder {
        private final Alert base;
        private AlertState state;
        private AlertPosition position;
        private int pressCount;
        private Instant lastPressAt;
        private AlertFlags flags;
        private AlertTiming timing;
        private final List<HistoryEntry> history;
        private final List<Offer> offers;

        private Builder(Alert base) {
            this.base = base;
            this.state = base.state;
            this.position = base.position;
            this.pressCount = base.pressCount;
            this.lastPressAt = base.lastPressAt;
            this.flags = base.flags;
            this.timing = base.timing;
            this.history = new ArrayList<>(base.history);
            this.offers = new ArrayList<>(base.offers);
        }

        public Builder state(AlertState value) {
            this.state = value;
            return this;
        }

        public Builder position(AlertPosition value) {
            this.position = value;
            return this;
        }

        public Builder press(Instant at) {
            this.pressCount++;
            this.lastPressAt = at;
            return this;
        }

        public Builder flags(AlertFlags value) {
            this.flags = value;
            return this;
        }

        public Builder timing(AlertTiming value) {
            this.timing = value;
            return this;
        }

        public Builder history(HistoryEntry entry) {
            this.history.add(entry);
            return this;
        }

        public Builder offer(Offer offer) {
            this.offers.add(offer);
            return this;
        }

        /** Replaces the offer with the same id. */
        public Builder replaceOffer(Offer offer) {
            offers.replaceAll(o -> o.id().equals(offer.id()) ? offer : o);
            return this;
        }

        public AlertState state() {
            return state;
        }

        /** The version this change is made from. */
        public Alert base() {
            return base;
        }

        public AlertTiming timing() {
            return timing;
        }

        public Alert build() {
            return new Alert(base.id, base.version + 1, state, base.priority, base.kind, base.residentId, base.deviceId,
                    base.protocol, base.rawCode, position, pressCount, base.receivedAt, lastPressAt, flags, timing,
                    history, offers);
        }
    }
}
