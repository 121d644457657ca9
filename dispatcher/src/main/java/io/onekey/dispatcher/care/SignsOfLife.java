package io.onekey.dispatcher.care;

import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;
import java.util.Optional;

/**
 * The device states, telling the {@link WelfareWatch} of every event the dispatcher applies:
 * the watch hears what the dispatcher processes, in its order, without a hook of its own.
 */
public final class SignsOfLife implements DeviceStates {

    private final DeviceStates states;
    private final WelfareWatch watch;

    public SignsOfLife(DeviceStates states, WelfareWatch watch) {
        this.states = states;
        this.watch = watch;
    }

    @Override
    public DeviceState apply(DeviceEvent event) {
        DeviceState after = states.apply(event);
        watch.heard(event);
        return after;
    }

    @Override
    public Optional<DeviceState> get(Protocol protocol, String deviceId) {
        return states.get(protocol, deviceId);
    }
}
