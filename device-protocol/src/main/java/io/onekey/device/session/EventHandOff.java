package io.onekey.device.session;

import io.onekey.device.event.DeviceEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The gateway's one way into the rest of the system. The returned stage completes when every
 * event is durably stored; only then is the device answered. A failed stage means the device
 * gets no acknowledgement and will retransmit, so an implementation may refuse (for example
 * when its queue is full) but must never complete successfully without storing.
 */
@FunctionalInterface
public interface EventHandOff {

    CompletionStage<Void> handOff(List<DeviceEvent> events);
}
