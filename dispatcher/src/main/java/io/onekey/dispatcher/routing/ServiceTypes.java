package io.onekey.dispatcher.routing;

import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.directory.ServiceType;
import java.util.Locale;
import java.util.Optional;

/** Which kind of provider an alert needs. Technical alarms need none: operators handle them. */
public final class ServiceTypes {

    private ServiceTypes() {
    }

    /**
     * @param requested the service a SERVICE_REQUEST named (meals, nursing...), if any
     */
    public static Optional<ServiceType> needed(AlarmKind kind, Optional<String> requested) {
        return switch (kind) {
            case SOS, FALL, MEDICAL, PANIC, FIRE, GEOFENCE_EXIT -> Optional.of(ServiceType.EMERGENCY);
            case SERVICE_REQUEST -> Optional.of(requested.flatMap(ServiceTypes::parse).orElse(ServiceType.NURSING));
            default -> Optional.empty();
        };
    }

    private static Optional<ServiceType> parse(String name) {
        try {
            return Optional.of(ServiceType.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
