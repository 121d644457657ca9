package io.onekey.dispatcher.routing;

import io.onekey.device.event.AlarmKind;
import io.onekey.dispatcher.directory.ServiceType;
import java.util.Optional;

/** Which kind of provider an alarm needs. Technical alarms need none: operators handle them. */
public final class ServiceTypes {

    private ServiceTypes() {
    }

    public static Optional<ServiceType> needed(AlarmKind kind) {
        return switch (kind) {
            case SOS, FALL, MEDICAL, PANIC, FIRE -> Optional.of(ServiceType.EMERGENCY);
            default -> Optional.empty();
        };
    }
}
