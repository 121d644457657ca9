package io.onekey.server;

import io.onekey.device.event.DeviceEvent;
import io.onekey.dispatcher.alert.PriorityRules;
import io.onekey.dispatcher.eventlog.EventLog;
import java.util.List;

/** The lane the gateway's hand-off would choose, for tests that append directly. */
final class EventLogLanes {

    private EventLogLanes() {
    }

    static EventLog.Lane of(List<DeviceEvent> events) {
        return OneKeyServer.laneOf(events, PriorityRules.defaults());
    }
}
