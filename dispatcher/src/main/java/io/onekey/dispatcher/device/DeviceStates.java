package io.onekey.dispatcher.device;

import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import java.util.Optional;

/**
 * Liveness, last position and battery of every device heard from. Written by the dispatcher's
 * consumer ({@link DeviceState#after} says how an event changes a state), read by routing, the
 * API and supervision; reads are answered from memory.
 */
public interface DeviceStates {

    /** Records the event; returns the device's state after it. */
    DeviceState apply(DeviceEvent event);

    Optional<DeviceState> get(Protocol protocol, String deviceId);
}
