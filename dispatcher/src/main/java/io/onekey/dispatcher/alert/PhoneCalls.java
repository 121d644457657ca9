package io.onekey.dispatcher.alert;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.error.DispatchException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerts and service requests an operator opens for a resident who phoned, or whose family
 * phoned for them. The call is taken as a press of the resident's own terminal, so it is
 * prioritised, merged with an open alert of the same kind, routed and timed like any other;
 * what the caller said goes into the history under the operator's name.
 */
public final class PhoneCalls {

    /** What a caller may ask for: an emergency, or a service. */
    public static final Set<AlarmKind> KINDS = Set.of(AlarmKind.SOS, AlarmKind.FALL, AlarmKind.MEDICAL, AlarmKind.PANIC,
            AlarmKind.FIRE, AlarmKind.SERVICE_REQUEST);

    /**
     * One call.
     *
     * @param service the service asked for (a service request only)
     * @param wanted  when the caller wants it, in the caller's words or as times ("2026-12-01 11:30-12:30"), or null for now
     */
    public record Call(String residentId, AlarmKind kind, Optional<ServiceType> service, String note, String wanted) {
    }

    private final AlertService alerts;
    private final Directory directory;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();

    public PhoneCalls(AlertService alerts, Directory directory, Clock clock) {
        this.alerts = alerts;
        this.directory = directory;
        this.clock = clock;
    }

    public Future<Alert> take(Call call, Actor operator) {
        if (!KINDS.contains(call.kind())) {
            throw DispatchException.badRequest("at kind: a call opens one of " + KINDS.stream().map(Enum::name).sorted().toList());
        }
        if (call.service().isPresent() && call.kind() != AlarmKind.SERVICE_REQUEST) {
            throw DispatchException.badRequest("at serviceType: only a SERVICE_REQUEST names a service");
        }
        Resident resident = directory.resident(call.residentId())
                .orElseThrow(() -> DispatchException.badRequest("at residentId: no resident " + call.residentId()));
        // The resident's own terminal carries the call: its alerts, position and history are the resident's.
        Device device = directory.devicesOf(resident.id()).stream()
                .min(Comparator.comparing(Device::id))
                .orElseThrow(() -> DispatchException.conflict("resident " + resident.id() + " has no terminal to open an alert on"));
        Instant now = clock.instant();
        Alarm alarm = new Alarm(device.id(), device.protocol(), now, Optional.empty(),
                "PHONE:" + operator.name() + ":" + now.toEpochMilli() + ":" + calls.incrementAndGet(), call.kind(),
                Optional.empty(), "phone:" + operator.name(), call.service().map(Enum::name));
        String said = "phoned in" + (call.wanted() == null || call.wanted().isBlank() ? "" : ", wanted " + call.wanted().trim())
                + (call.note() == null || call.note().isBlank() ? "" : ": " + call.note().trim());
        return alerts.onAlarm(alarm).compose(opened -> alerts.note(
                opened.orElseThrow(() -> new IllegalStateException("a phoned-in alarm opened no alert")).id(), operator, said));
    }
}
