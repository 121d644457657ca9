package io.onekey.dispatcher.store.memory;

import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Device states in a map. Survives nothing. */
public final class InMemoryDeviceStates implements DeviceStates {

    private record Key(Protocol protocol, String id) {
    }

    private final ConcurrentMap<Key, DeviceState> states = new ConcurrentHashMap<>();

    @Override
    public DeviceState apply(DeviceEvent event) {
        return states.compute(new Key(event.protocol(), event.deviceId()), (key, old) -> DeviceState.after(old, event));
    }

    @Override
    public Optional<DeviceState> get(Protocol protocol, String deviceId) {
        return Optional.ofNullable(states.get(new Key(protocol, deviceId)));
    }
}
