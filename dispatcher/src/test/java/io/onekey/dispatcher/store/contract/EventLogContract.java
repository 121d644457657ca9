package io.onekey.dispatcher.store.contract;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.eventlog.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The next non-empty poll: a shared log reads ahead in the background, so appended events
     * may take a moment to come out; a local one hands them out at once.
     */
    static List<StoredEvent> nextPoll(EventLog log, int max) {
        List<List<StoredEvent>> polled = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<StoredEvent> events = done(log.poll(max));
            polled.add(events);
            return !events.isEmpty();
        });
        return polled.get(polled.size() - 1);
    }

    @Test
    void eventsComeOutOnceInOrderThePriorityLaneFirst() {
        EventLog log = create();
        done(log.append(List.of(heartbeat("D1", 1), heartbeat("D1", 2)), EventLog.Lane.NORMAL));
        done(log.append(List.of(sos("D2", 3)), EventLog.Lane.PRIORITY));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.backlog() == 3);
        List<DeviceEvent> first = nextPoll(log, 2).stream().map(StoredEvent::event).toList();
        assertEquals(List.of(sos("D2", 3), heartbeat("D1", 1)), first);
        List<DeviceEvent> rest = nextPoll(log, 10).stream().map(StoredEvent::event).toList();
        assertEquals(List.of(heartbeat("D1", 2)), rest);
        assertEquals(List.of(), done(log.poll(10)));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.backlog() == 0);
    }

    @Test
    void everyAppendWakesTheConsumer() {
        EventLog log = create();
        AtomicInteger wakes = new AtomicInteger();
        log.onAppend(wakes::incrementAndGet);
        done(log.append(List.of(heartbeat("D1", 1)), EventLog.Lane.NORMAL));
        await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() >= 1);
        done(log.append(List.of(sos("D1", 2)), EventLog.Lane.PRIORITY));
        await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() >= 2);
    }

    @Test
    void sequencesGrow() {
        EventLog log = create();
        done(log.append(List.of(heartbeat("D1", 1), heartbeat("D1", 2)), EventLog.Lane.NORMAL));
        List<StoredEvent> polled = nextPoll(log, 10);
        assertEquals(2, polled.size());
        assertEquals(true, polled.get(1).sequence() > polled.get(0).sequence());
    }
}
