package io.onekey.dispatcher.care;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Location;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.DeviceType;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
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
    private boolean loaded;

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
            activity.put(resident, before.withActivity(event.receivedAt(), press));
            unsaved.add(resident);
        });
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

    /** Saves what changed, then raises the alerts that are due. */
    public Future<Void> check() {
        Instant now = clock.instant();
        return load().compose(v -> saveUnsaved()).compose(v -> {
            List<Supplier<Future<?>>> raises = new ArrayList<>();
            Map<String, Device> devices = deviceOfEachResident();
            for (Resident resident : directory.residents()) {
                Optional<Device> device = Optional.ofNullable(devices.get(resident.id()));
                if (device.isEmpty()) {
                    continue; // nothing could have reported a sign of life
                }
                ResidentActivity seen = activity.computeIfAbsent(resident.id(), id -> {
                    // Heard of for the first time: the silence counts from now, not from ever.
                    unsaved.add(id);
                    return new ResidentActivity(id, now, null, null);
                });
                Optional<String> why = reason(seen, now);
                if (why.isPresent()) {
                    activity.put(resident.id(), seen.withWelfareRaised(now));
                    unsaved.add(resident.id());
                    log.info("welfare check for resident {}: {}", resident.id(), why.get());
                    raises.add(() -> alerts.raise(device.get(), "welfare check: " + why.get()).recover(e -> {
                        log.warn("welfare check for resident {} not raised: {}", resident.id(), e.getMessage());
                        return Future.succeededFuture();
                    }));
                }
            }
            return OneByOne.each(raises, Supplier::get).compose(x -> saveUnsaved());
        });
    }

    private Optional<String> reason(ResidentActivity a, Instant now) {
        Instant raised = a.welfareRaisedAt();
        if (settings.silenceAfter().isPresent() && a.lastActivityAt() != null) {
            Duration silent = Duration.between(a.lastActivityAt(), now);
            if (silent.compareTo(settings.silenceAfter().get()) >= 0 && (raised == null || raised.isBefore(a.lastActivityAt()))) {
                return Optional.of("no press, movement or check-in for " + silent.toHours() + " h (since " + a.lastActivityAt() + ")");
            }
        }
        if (settings.checkInBy().isPresent()) {
            LocalDate today = LocalDate.ofInstant(now, settings.zone());
            Instant dayStart = today.atStartOfDay(settings.zone()).toInstant();
            Instant due = today.atTime(settings.checkInBy().get()).atZone(settings.zone()).toInstant();
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

    private Future<Void> load() {
        if (loaded) {
            return Future.succeededFuture();
        }
        return store.activities().map(list -> {
            // What was heard since start wins over what the store remembers.
            list.forEach(a -> activity.merge(a.residentId(), a, (heard, kept) -> new ResidentActivity(heard.residentId(),
                    later(heard.lastActivityAt(), kept.lastActivityAt()), later(heard.lastCheckInAt(), kept.lastCheckInAt()),
                    later(heard.welfareRaisedAt(), kept.welfareRaisedAt()))));
            loaded = true;
            return null;
        });
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
