package io.onekey.dispatcher.care;

import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.flow.OneByOne;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.routing.ProviderPositions;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service requests from filing to completion: filed for a wanted window, offered at the right
 * moment before it, taken by a provider organisation, assigned to one of its workers, who
 * reports arrival (with the position, as proof of presence) and completion. Its SLA is the
 * arrival against the window. Every change is saved before anyone hears of it. Runs on one
 * context (the dispatcher's), so changes never race.
 */
public final class CareDesk {

    private static final Logger log = LoggerFactory.getLogger(CareDesk.class);
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final Duration SCHEDULE_AHEAD = Duration.ofHours(1);

    /**
     * @param offerTimeout       how long a provider has to answer an offer before the next is asked
     * @param presenceMaxMeters  an arrival reported farther than this from the home is flagged, not refused
     * @param maxAhead           how far ahead a request may be filed
     */
    public record Settings(Duration offerTimeout, double presenceMaxMeters, Duration maxAhead) {

        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(10), 300, Duration.ofDays(90));
        }
    }

    private final CareStore store;
    private final CareCatalogue catalogue;
    private final Directory directory;
    private final Clock clock;
    private final Settings settings;
    private final Supplier<String> ids;
    private final CareOffers offers;
    private final List<CareListener> listeners = new ArrayList<>();

    public CareDesk(CareStore store, CareCatalogue catalogue, Directory directory, ProviderPositions positions,
                    ToIntFunction<String> alertLoad, Clock clock, Settings settings, Supplier<String> ids) {
        this.store = store;
        this.catalogue = catalogue;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.ids = ids;
        this.offers = new CareOffers(directory, positions, alertLoad, settings.offerTimeout());
    }

    public CareDesk listen(CareListener listener) {
        listeners.add(listener);
        return this;
    }

    public CareCatalogue catalogue() {
        return catalogue;
    }

    public CareStore store() {
        return store;
    }

    // ---- filing

    /** Files a request; one whose offer time has come (or an emergency) is offered at once. */
    public Future<CareRequest> file(NewCareRequest asked) {
        return file(asked, ids.get());
    }

    private Future<CareRequest> file(NewCareRequest asked, String id) {
        Instant now = clock.instant();
        CareType type = catalogue.type(asked.typeId())
                .orElseThrow(() -> DispatchException.badRequest("type: no service type '" + asked.typeId() + "' in the catalogue"));
        Resident resident = directory.resident(asked.residentId())
                .orElseThrow(() -> DispatchException.badRequest("residentId: no resident " + asked.residentId()));
        Instant start = type.emergency() || asked.windowStart() == null || asked.windowStart().isBefore(now)
                ? now : asked.windowStart();
        Instant end = asked.windowEnd() == null ? start.plus(DEFAULT_WINDOW) : asked.windowEnd();
        if (!end.isAfter(start)) {
            throw DispatchException.badRequest("windowEnd must be after windowStart (and in the future)");
        }
        if (start.isAfter(now.plus(settings.maxAhead()))) {
            throw DispatchException.badRequest("windowStart is more than " + settings.maxAhead().toDays() + " days ahead");
        }
        Instant offerAt = type.emergency() ? now : max(now, start.minus(type.offerLead()));
        CareRequest request = new CareRequest(id, resident.id(), type.id(), type.lane(), start, end, asked.channel(),
                asked.requestedBy(), asked.note() == null ? "" : asked.note().strip(), CareState.SCHEDULED, now, offerAt,
                start.plus(type.arrivalTarget()), List.of(), null, null, null, null, null, false,
                List.of(new CareStep(now, asked.requestedBy(), "filed", type.name() + " for " + start + " to " + end
                        + " (" + asked.channel().name().toLowerCase(Locale.ROOT) + ")")));
        Future<CareRequest> filed = save(null, request);
        return offerAt.isAfter(now) ? filed : filed.compose(this::offerNextUnlessMoved);
    }

    // ---- the clock

    /**
     * Offers the requests whose time has come, moves on from offers not answered in time, and
     * flags the requests whose arrival target passed. Emergencies first; everyday requests in
     * the order they are due.
     */
    public Future<Void> tick() {
        Instant now = clock.instant();
        return fileScheduled(now).compose(v -> store.requests()).compose(all -> {
            List<CareRequest> open = all.stream().filter(r -> r.state().isOpen())
                    .sorted(Comparator.comparing((CareRequest r) -> r.lane() != CareLane.EMERGENCY)
                            .thenComparing(CareRequest::offerAt))
                    .toList();
            return OneByOne.eachRegardless(open, r -> tickOne(r, now), (r, e) -> {
                if (e instanceof MovedMeanwhile) {
                    log.debug("care request {} moved while the clock looked at it; the next tick sees it again", r.id());
                } else {
                    log.warn("care request {}: {}", r.id(), e.getMessage());
                }
            });
        });
    }

    /**
     * Files each schedule's coming occurrence once its offer time is near (an hour before it,
     * so it shows as scheduled first); an occurrence whose window is still open after a
     * restart is filed late rather than skipped. A missed one is flagged late like any request.
     */
    private Future<Void> fileScheduled(Instant now) {
        return store.schedules().compose(schedules -> store.requests().compose(all -> {
            java.util.Set<String> filed = new java.util.HashSet<>();
            all.forEach(r -> filed.add(r.id()));
            List<Supplier<Future<?>>> filings = new ArrayList<>();
            for (CareSchedule s : schedules) {
                Optional<CareType> type = catalogue.type(s.typeId());
                Optional<Instant> start = s.nextFrom(now.minus(s.window()).plusSeconds(1));
                if (type.isEmpty() || start.isEmpty() || filed.contains(s.occurrenceId(start.get()))
                        || now.isBefore(start.get().minus(type.get().offerLead()).minus(SCHEDULE_AHEAD))) {
                    continue;
                }
                NewCareRequest asked = new NewCareRequest(s.residentId(), s.typeId(), start.get(), start.get().plus(s.window()),
                        CareChannel.SCHEDULE, "schedule:" + s.id(), s.note());
                filings.add(() -> file(asked, s.occurrenceId(start.get())).recover(e -> {
                    if (!(e instanceof MovedMeanwhile)) { // else another node filed this occurrence a moment before
                        log.warn("schedule {}: occurrence at {} not filed: {}", s.id(), start.get(), e.getMessage());
                    }
                    return Future.succeededFuture();
                }));
            }
            return OneByOne.steps(filings);
        }));
    }

    private Future<Void> tickOne(CareRequest r, Instant now) {
        if (r.state() == CareState.SCHEDULED && !now.isBefore(r.offerAt())) {
            return offerNext(r).mapEmpty();
        }
        if (r.state() == CareState.OFFERED && r.pendingOffer().filter(o -> !o.expiresAt().isAfter(now)).isPresent()) {
            CareOffer expired = r.pendingOffer().get();
            CareRequest after = r.with().answer(expired.providerId(), CareOffer.State.EXPIRED)
                    .step(now, "system", "offer-expired", "provider " + expired.providerId() + " did not answer in time").done();
            return save(r, after).compose(this::offerNextUnlessMoved).mapEmpty();
        }
        if (!r.lateFlagged() && r.arrivedAt() == null && now.isAfter(r.arriveBy())) {
            return save(r, r.with().late().step(now, "system", "late",
                    "nobody arrived by " + r.arriveBy() + (r.workerId() == null ? "" : " (worker " + r.workerId() + ")")).done())
                    .mapEmpty();
        }
        return Future.succeededFuture();
    }

    /**
     * Offers the request to the next provider; if it moved meanwhile (another node's clock, a
     * provider's answer), whoever moved it decided, and the request as it now stands is the answer.
     */
    private Future<CareRequest> offerNextUnlessMoved(CareRequest r) {
        return offerNext(r).recover(e -> e instanceof MovedMeanwhile ? load(r.id()) : Future.failedFuture(e));
    }

    private Future<CareRequest> offerNext(CareRequest r) {
        CareType type = catalogue.type(r.typeId()).orElse(null);
        if (type == null) {
            return save(r, r.with().state(CareState.UNASSIGNED)
                    .step(clock.instant(), "system", "unassigned", "service type " + r.typeId() + " left the catalogue").done());
        }
        return store.preferences(r.residentId()).compose(prefs -> store.team(r.residentId()).compose(team ->
                store.requests().compose(all -> offers.offerNext(r, type, prefs.orElse(ResidentPreferences.none(r.residentId())),
                        team.orElse(CareTeam.none(r.residentId())), all, clock.instant()))))
                .compose(next -> save(r, next));
    }

    // ---- providers and their workers

    public Future<CareRequest> accept(String id, String providerId) {
        return retrying(() -> load(id).compose(r -> {
            pendingFor(r, providerId);
            Instant now = clock.instant();
            return save(r, r.with().answer(providerId, CareOffer.State.ACCEPTED).state(CareState.ACCEPTED).provider(providerId)
                    .step(now, "provider:" + providerId, "accepted", null).done());
        }));
    }

    public Future<CareRequest> decline(String id, String providerId, String reason) {
        return retrying(() -> load(id).compose(r -> {
            pendingFor(r, providerId);
            CareRequest declined = r.with().answer(providerId, CareOffer.State.DECLINED)
                    .step(clock.instant(), "provider:" + providerId, "declined", reason).done();
            return save(r, declined).compose(this::offerNextUnlessMoved);
        }));
    }

    /** The organisation names who goes; a worker the resident excluded is refused. */
    public Future<CareRequest> assign(String id, String providerId, String workerId) {
        return retrying(() -> load(id).compose(r -> {
            taken(r, providerId, CareState.ACCEPTED, CareState.ASSIGNED);
            return store.staff(providerId).compose(staff -> {
                Worker worker = staff.flatMap(s -> s.worker(workerId))
                        .orElseThrow(() -> DispatchException.badRequest("workerId: no worker " + workerId + " on the staff of " + providerId));
                return store.preferences(r.residentId()).compose(prefs -> {
                    if (prefs.map(p -> p.excludedWorkers().contains(workerId)).orElse(false)) {
                        throw DispatchException.conflict("the resident asked not to be served by worker " + workerId
                                + " again; assign someone else");
                    }
                    return save(r, r.with().state(CareState.ASSIGNED).worker(workerId)
                            .step(clock.instant(), "provider:" + providerId, "assigned", worker.name() + " (" + workerId + ")").done());
                });
            });
        }));
    }

    /**
     * The worker is at the door: the position reported is the proof of presence, kept with its
     * distance from home. A worker without a position still arrives, with presence not confirmed:
     * the resident's own coordinates are never taken for the worker's.
     *
     * @param at the worker's position, or null when it had none
     */
    public Future<CareRequest> arrive(String id, String providerId, GeoPoint at) {
        return retrying(() -> load(id).compose(r -> {
            taken(r, providerId, CareState.ASSIGNED);
            Instant now = clock.instant();
            Optional<GeoPoint> home = directory.resident(r.residentId()).map(Resident::home);
            Double distance = at == null || home.isEmpty() ? null : home.get().distanceMeters(at);
            String where = distance == null ? "without a position (presence not confirmed)"
                    : String.format(Locale.ROOT, "%.0f m from the home%s", distance, distance > settings.presenceMaxMeters()
                            ? String.format(Locale.ROOT, " (more than %.0f m: presence not confirmed)", settings.presenceMaxMeters()) : "");
            String note = "worker " + r.workerId() + " reported arrival " + where
                    + (now.isAfter(r.arriveBy()) ? "; late: the target was " + r.arriveBy() : "");
            return save(r, r.with().state(CareState.ARRIVED).arrived(now, distance)
                    .step(now, "provider:" + providerId, "arrived", note).done());
        }));
    }

    public Future<CareRequest> complete(String id, String providerId, String note) {
        return retrying(() -> load(id).compose(r -> {
            taken(r, providerId, CareState.ARRIVED);
            Instant now = clock.instant();
            return save(r, r.with().state(CareState.COMPLETED).completed(now)
                    .step(now, "provider:" + providerId, "completed", note).done());
        }));
    }

    // ---- operators

    /** An operator's choice of provider, for a request nobody took (or to replace a pending offer). */
    public Future<CareRequest> offerTo(String id, String providerId, String actor) {
        Provider provider = directory.provider(providerId)
                .orElseThrow(() -> DispatchException.badRequest("providerId: no provider " + providerId));
        return retrying(() -> load(id).compose(r -> {
            if (!r.state().untaken()) {
                throw DispatchException.conflict("request " + id + " is " + r.state() + "; it can no longer be offered");
            }
            Instant now = clock.instant();
            CareRequest.Change change = r.with();
            r.pendingOffer().ifPresent(o -> change.answer(o.providerId(), CareOffer.State.WITHDRAWN));
            double distance = directory.resident(r.residentId()).map(res -> res.home().distanceMeters(provider.base())).orElse(0.0);
            return save(r, offers.offerTo(change.done(), provider.id(), provider.name(), distance, actor, now));
        }));
    }

    public Future<CareRequest> cancel(String id, String actor, String reason) {
        return retrying(() -> load(id).compose(r -> {
            if (!r.state().isOpen()) {
                throw DispatchException.conflict("request " + id + " is already " + r.state());
            }
            CareRequest.Change change = r.with().state(CareState.CANCELLED);
            r.pendingOffer().ifPresent(o -> change.answer(o.providerId(), CareOffer.State.WITHDRAWN));
            return save(r, change.step(clock.instant(), actor, "cancelled", reason).done());
        }));
    }

    // ---- reading

    public Future<CareRequest> load(String id) {
        return store.request(id).map(found -> found.orElseThrow(() -> DispatchException.notFound("no service request " + id)));
    }

    // ---- helpers

    private static void pendingFor(CareRequest r, String providerId) {
        if (r.offers().stream().noneMatch(o -> o.providerId().equals(providerId))) {
            throw DispatchException.notFound("no service request " + r.id());
        }
        if (r.pendingOffer().filter(o -> o.providerId().equals(providerId)).isEmpty()) {
            throw DispatchException.conflict("the offer of request " + r.id() + " is no longer open");
        }
    }

    /** The request is this provider's job, in one of these states; another provider is told nothing. */
    private static void taken(CareRequest r, String providerId, CareState... states) {
        if (!providerId.equals(r.providerId())) {
            throw DispatchException.notFound("no service request " + r.id());
        }
        for (CareState s : states) {
            if (r.state() == s) {
                return;
            }
        }
        throw DispatchException.conflict("request " + r.id() + " is " + r.state());
    }

    /**
     * Saves the next value of a request if nobody moved it since it was read (another node, a
     * provider's answer arriving with the clock's tick); the listeners hear of saved changes only.
     */
    private Future<CareRequest> save(CareRequest before, CareRequest after) {
        return store.replaceRequest(before, after).map(written -> {
            if (!written) {
                throw new MovedMeanwhile(after.id());
            }
            for (CareListener listener : listeners) {
                try {
                    listener.changed(before, after);
                } catch (RuntimeException e) {
                    log.warn("care request {}: a listener failed: {}", after.id(), e.toString());
                }
            }
            return after;
        });
    }

    /** The request changed between reading it and saving it: read it again and decide again. */
    static final class MovedMeanwhile extends RuntimeException {
        MovedMeanwhile(String id) {
            super("service request " + id + " changed meanwhile", null, false, false);
        }
    }

    private static final int ATTEMPTS = 3;

    /** Runs an action on a request again, on fresh data, when the request moved under it. */
    private static Future<CareRequest> retrying(java.util.function.Supplier<Future<CareRequest>> action) {
        return retrying(action, ATTEMPTS);
    }

    private static Future<CareRequest> retrying(java.util.function.Supplier<Future<CareRequest>> action, int attempts) {
        return action.get().recover(e -> {
            if (!(e instanceof MovedMeanwhile)) {
                return Future.failedFuture(e);
            }
            return attempts > 1 ? retrying(action, attempts - 1)
                    : Future.failedFuture(DispatchException.conflict(e.getMessage() + " several times; try again"));
        });
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
