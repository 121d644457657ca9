package io.onekey.dispatcher.store.contract;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.eventlog.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every event log must do. */
public abstract class EventLogContract {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    protected abstract EventLog create();

    static Heartbeat heartbeat(String device, int n) {
        return new Heartbeat(device, Protocol.WATCH, T0.plusSeconds(n), Optional.empty(), "hb-" + device + "-" + n,
                OptionalInt.of(80), OptionalInt.empty());
    }

    static Alarm sos(String device, int n) {
        return new Alarm(device, Protocol.WATCH, T0.plusSeconds(n), Optional.empty(), "sos-" + device + "-" + n,
                AlarmKind.SOS, Optional.empty(), "AL", Optional.empty());
    }

    @Test
    void eventsComeOutOnceInOrderThePriorityLaneFirst() {
        EventLog log = create();
        done(log.append(List.of(heartbeat("D1", 1), heartbeat("D1", 2)), EventLog.Lane.NORMAL));
        done(log.append(List.of(sos("D2", 3)), EventLog.Lane.PRIORITY));
        assertEquals(3, log.backlog());
        List<DeviceEvent> first = done(log.poll(2)).stream().map(StoredEvent::event).toList();
        assertEquals(List.of(sos("D2", 3), heartbeat("D1", 1)), first);
        List<DeviceEvent> rest = done(log.poll(10)).stream().map(StoredEvent::event).toList();
        assertEquals(List.of(heartbeat("D1", 2)), rest);
        assertEquals(List.of(), done(log.poll(10)));
        assertEquals(0, log.backlog());
    }

    @Test
    void everyAppendWakesTheConsumer() {
        EventLog log = create();
        AtomicInteger wakes = new AtomicInteger();
        log.onAppend(wakes::incrementAndGet);
        done(log.append(List.of(heartbeat("D1", 1)), EventLog.Lane.NORMAL));
        done(log.append(List.of(sos("D1", 2)), EventLog.Lane.PRIORITY));
        assertEquals(2, wakes.get());
    }

    @Test
    void sequencesGrow() {
        EventLog log = create();
        done(log.append(List.of(heartbeat("D1", 1), heartbeat("D1", 2)), EventLog.Lane.NORMAL));
        List<StoredEvent> polled = done(log.poll(10));
        assertEquals(2, polled.size());
        assertEquals(true, polled.get(1).sequence() > polled.get(0).sequence());
    }
}
