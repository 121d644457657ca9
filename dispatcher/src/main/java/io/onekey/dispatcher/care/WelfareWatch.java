package io.onekey.dispatcher.care;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Location;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.flow.DeadlineIndex;
import io.onekey.dispatcher.flow.OneByOne;
import io.onekey.dispatcher.geo.GeoPoint;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caring for silence: a resident whose terminals report no press, no movement and no check-in
 * for the configured time, or who has not pressed by the daily check-in time, gets a
 * welfare-check alert. Heartbeats do not count: they prove the terminal alive, not the person.
 * One alert per silence: the next is raised only after the resident showed a sign of life.
 */
public final class WelfareWatch {

    private static final Logger log = LoggerFactory.getLogger(WelfareWatch.class);
    /** A wearable's fix must move this far to count as the resident moving, not as GPS drift. */
    private static final double MOVED_METERS = 50;
    /** How often the directory's residents are read again: residents added since start their silence. */
    static final Duration READ_RESIDENTS_EVERY = Duration.ofMinutes(10);
    /** Welfare alerts raised in one go; the rest follow in the same check, a batch at a time. */
    private static final int RAISED_PER_CHECK_AT_MOST = 1_000;

    /**
     * @param silenceAfter how long without a sign of life raises the alert; empty: never
     * @param checkInBy    the local time by which a resident presses a key each day; empty: no daily check-in
     */
    public record Settings(Optional<Duration> silenceAfter, Optional<LocalTime> checkInBy, ZoneId zone) {

        public static Settings defaults() {
            return new Settings(Optional.of(Duration.ofHours(24)), Optional.empty(), ZoneId.of("UTC"));
        }
    }

    /** Raises the welfare-check alert for the resident's device (on the dispatcher's context). */
    @FunctionalInterface
    public interface Alerts {
        Future<Void> raise(Device device, String note);
    }

    private final CareStore store;
    private final Directory directory;
    private final Clock clock;
    private final Settings settings;
    private final Alerts alerts;
    private final Map<String, ResidentActivity> activity = new HashMap<>();
    private final Map<String, GeoPoint> lastFix = new HashMap<>();
    private final Set<String> unsaved = new HashSet<>();
    /** Residents by the time their silence becomes long enough: a check takes only those due. */
    private final DeadlineIndex<String> silenceDue = new DeadlineIndex<>();
    /** The device each resident's welfare alert is raised on, as of the last reading of the directory. */
    private Map<String, Device> devices = Map.of();
    /** When the residents are read again (null: at the next check). */
    private Instant nextReading;
    /** Whether the activity every node wrote has been read since start. */
    private boolean activityRead;
    /** When the daily check-in is next looked at (null: no daily check-in, or not yet read). */
    private Instant nextCheckIn;

    public WelfareWatch(CareStore store, Directory directory, Clock clock, Settings settings, Alerts alerts) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.alerts = alerts;
    }

    /** A device event, as the dispatcher processes it: a press or a move is a sign of life. */
    public void heard(DeviceEvent event) {
        boolean press = event instanceof Alarm a && pressedByAPerson(a.kind());
        boolean moved = event instanceof Location l && moved(event.deviceId(), new GeoPoint(l.position().lat(), l.position().lon()));
        if (!press && !moved) {
            return;
        }
        directory.device(event.protocol(), event.deviceId()).filter(Device::assigned).ifPresent(device -> {
            String resident = device.residentId();
            ResidentActivity before = activity.getOrDefault(resident, new ResidentActivity(resident, null, null, null));
            ResidentActivity now = before.withActivity(event.receivedAt(), press);
            activity.put(resident, now);
            unsaved.add(resident);
            scheduleSilence(now);
        });
    }

    /** The silence of this resident falls due its configured time after the last sign of life, unless raised already. */
    private void scheduleSilence(ResidentActivity a) {
        if (settings.silenceAfter().isEmpty() || a.lastActivityAt() == null) {
            return;
        }
        if (a.welfareRaisedAt() != null && !a.welfareRaisedAt().isBefore(a.lastActivityAt())) {
            silenceDue.cancel(a.residentId()); // this silence has had its alert; the next sign of life starts another
            return;
        }
        silenceDue.schedule(a.residentId(), a.lastActivityAt().plus(settings.silenceAfter().get()));
    }

    private static boolean pressedByAPerson(AlarmKind kind) {
        return switch (kind) {
            case SOS, FALL, MEDICAL, PANIC, FIRE, SERVICE_REQUEST, CANCEL -> true;
            default -> false;
        };
    }

    private boolean moved(String deviceId, GeoPoint at) {
        GeoPoint before = lastFix.put(deviceId, at);
        return before != null && before.distanceMeters(at) >= MOVED_METERS;
    }

    /**
     * For a node that does not hold the care clock: writes the signs of life it heard, so that
     * the node that checks sees them (every node's dispatcher hears some of the events).
     */
    public Future<Void> saveHeard() {
        return saveUnsaved();
    }

    /**
     * Saves what changed, then raises the alerts that are due. Only the residents whose silence
     * is due are looked at (each read back from the store first); all residents only when the
     * directory is read again (every {@link #READ_RESIDENTS_EVERY}, for new residents) and once a
     * day at the check-in time; the activity every node wrote is read whole only at start and
     * before the check-in: a city has hundreds of thousands of residents, and this runs every
     * tick on the dispatcher's event loop.
     */
    public Future<Void> check() {
        Instant now = clock.instant();
        boolean checkInDue = nextCheckIn != null && !now.isBefore(nextCheckIn);
        Future<Void> read = !activityRead || checkInDue ? readActivity() : Future.succeededFuture();
        return read.compose(v -> {
            if (nextReading == null || !now.isBefore(nextReading) || checkInDue) {
                readResidents(now);
            }
            return saveUnsaved();
        }).compose(v -> raiseSilent(now))
                .compose(v -> nextCheckIn != null && !now.isBefore(nextCheckIn) ? raiseNotCheckedIn(now) : Future.succeededFuture())
                .compose(v -> saveUnsaved());
    }

    /** Reads back the activity every node wrote; the later of each time wins. */
    private Future<Void> readActivity() {
        return store.activities().map(kept -> {
            kept.forEach(a -> activity.merge(a.residentId(), a, WelfareWatch::laterOf));
            activityRead = true;
            return null;
        });
    }

    /**
     * Gives residents heard of for the first time a start (the silence counts from now, not
     * from ever), and schedules every resident's silence.
     */
    private void readResidents(Instant now) {
        devices = deviceOfEachResident();
        for (Resident resident : directory.residents()) {
            if (!devices.containsKey(resident.id())) {
                continue; // nothing could report a sign of life
            }
            ResidentActivity seen = activity.computeIfAbsent(resident.id(), id -> {
                unsaved.add(id);
                return new ResidentActivity(id, now, null, null);
            });
            scheduleSilence(seen);
        }
        nextReading = now.plus(READ_RESIDENTS_EVERY);
        if (nextCheckIn == null) {
            nextCheckIn = settings.checkInBy().map(by -> checkInTime(LocalDate.ofInstant(now, settings.zone()))).orElse(null);
        }
    }

    /**
     * The residents whose silence is due. Each is read back from the store first: another node
     * may have heard a sign of life since this one last read them all.
     */
    private Future<Void> raiseSilent(Instant now) {
        List<String> due = silenceDue.takeDue(now, RAISED_PER_CHECK_AT_MOST);
        return OneByOne.each(due, resident -> store.activity(resident).compose(kept -> {
            ResidentActivity seen = kept.map(k -> laterOf(activity.getOrDefault(resident, k), k))
                    .orElse(activity.get(resident));
            // The directory now, not as last read: the resident may have been removed or the terminal moved meanwhile.
            Device device = directory.devicesOf(resident).stream().min(PREFERRED).orElse(null);
            if (seen == null || device == null) {
                return Future.succeededFuture();
            }
            activity.put(resident, seen);
            Optional<String> why = silence(seen, now);
            if (why.isEmpty()) {
                scheduleSilence(seen); // heard elsewhere meanwhile: due later
                return Future.succeededFuture();
            }
            return raise(seen, device, why.get(), now);
        })).compose(v -> silenceDue.size() > 0 && due.size() == RAISED_PER_CHECK_AT_MOST ? raiseSilent(now)
                : Future.succeededFuture());
    }

    /** Once a day at the check-in time, after reading every resident back: those who did not press today. */
    private Future<Void> raiseNotCheckedIn(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        if (now.isBefore(checkInTime(today))) {
            nextCheckIn = checkInTime(today); // e.g. the clock came back to this node before today's check-in time
            return Future.succeededFuture();
        }
        nextCheckIn = checkInTime(today.plusDays(1));
        List<Supplier<Future<?>>> raises = new ArrayList<>();
        devices.forEach((resident, device) -> {
            ResidentActivity seen = activity.get(resident);
            if (seen != null) {
                checkIn(seen, now).ifPresent(why -> raises.add(() -> raise(seen, device, why, now)));
            }
        });
        return OneByOne.steps(raises);
    }

    private Instant checkInTime(LocalDate day) {
        return day.atTime(settings.checkInBy().orElseThrow()).atZone(settings.zone()).toInstant();
    }

    private Future<Void> raise(ResidentActivity seen, Device device, String why, Instant now) {
        String resident = seen.residentId();
        activity.put(resident, seen.withWelfareRaised(now));
        unsaved.add(resident);
        silenceDue.cancel(resident);
        log.info("welfare check for resident {}: {}", resident, why);
        return alerts.raise(device, "welfare check: " + why).recover(e -> {
            log.warn("welfare check for resident {} not raised: {}", resident, e.getMessage());
            return Future.succeededFuture();
        });
    }

    private Optional<String> silence(ResidentActivity a, Instant now) {
        Instant raised = a.welfareRaisedAt();
        if (settings.silenceAfter().isPresent() && a.lastActivityAt() != null) {
            Duration silent = Duration.between(a.lastActivityAt(), now);
            if (silent.compareTo(settings.silenceAfter().get()) >= 0 && (raised == null || raised.isBefore(a.lastActivityAt()))) {
                return Optional.of("no press, movement or check-in for " + silent.toHours() + " h (since " + a.lastActivityAt() + ")");
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkIn(ResidentActivity a, Instant now) {
        Instant raised = a.welfareRaisedAt();
        if (settings.checkInBy().isPresent()) {
            LocalDate today = LocalDate.ofInstant(now, settings.zone());
            Instant dayStart = today.atStartOfDay(settings.zone()).toInstant();
            Instant due = checkInTime(today);
            boolean checkedIn = a.lastCheckInAt() != null && !a.lastCheckInAt().isBefore(dayStart);
            if (!now.isBefore(due) && !checkedIn && (raised == null || raised.isBefore(due))) {
                return Optional.of("no check-in press by " + settings.checkInBy().get() + " today");
            }
        }
        return Optional.empty();
    }

    /** The resident's home terminal if any, else a wearable. */
    private static final Comparator<Device> PREFERRED =
            Comparator.comparing((Device d) -> d.type() != DeviceType.HOME_TERMINAL).thenComparing(Device::id);

    /**
     * The device a welfare alert of each resident is raised on: the home terminal if there is
     * one. One pass over the devices: a city has hundreds of thousands, and this runs every tick
     * on the dispatcher's event loop.
     */
    private Map<String, Device> deviceOfEachResident() {
        Map<String, Device> chosen = new HashMap<>();
        for (Device d : directory.devices()) {
            if (d.residentId() != null) {
                chosen.merge(d.residentId(), d, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
            }
        }
        return chosen;
    }

    private static ResidentActivity laterOf(ResidentActivity a, ResidentActivity b) {
        return new ResidentActivity(a.residentId(), later(a.lastActivityAt(), b.lastActivityAt()),
                later(a.lastCheckInAt(), b.lastCheckInAt()), later(a.welfareRaisedAt(), b.welfareRaisedAt()));
    }

    /** One write for all that changed since the last: at the first check, every resident of the city. */
    private Future<Void> saveUnsaved() {
        if (unsaved.isEmpty()) {
            return Future.succeededFuture();
        }
        List<ResidentActivity> changed = new ArrayList<>(unsaved.size());
        unsaved.forEach(resident -> changed.add(activity.get(resident)));
        unsaved.clear();
        // Not written: the next check writes them again (with whatever was heard meanwhile).
        return store.putActivities(changed).onFailure(e -> changed.forEach(a -> unsaved.add(a.residentId())));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** What the watch knows of a resident, for the family page. */
    public Optional<ResidentActivity> activity(String residentId) {
        return Optional.ofNullable(activity.get(residentId));
    }
}
