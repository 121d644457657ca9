package io.onekey.dispatcher.store.redis;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onekey.device.event.Alarm;
import io.onekey.device.event.AlarmKind;
import io.onekey.device.event.Heartbeat;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.testing.RedisForTests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the shared event log does beyond the contract every log keeps, when Redis is slow. */
class RedisEventLogTest {

    private static final Instant T0 = Instant.parse("2026-12-01T04:00:00Z");
    private static final Duration TAKEN_AFTER = Duration.ofSeconds(4);

    private String namespace;
    private RedisLink link;
    private RedisEventLog log;

    @BeforeEach
    void redis() {
        RedisForTests.require();
        namespace = RedisForTests.freshNamespace();
        link = RedisLink.connect(RedisForTests.URL, namespace);
        log = new RedisEventLog(link, 1000, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        if (link != null) {
            link.close();
        }
        if (namespace != null) {
            RedisForTests.drop(namespace);
        }
    }

    /**
     * A terminal sends an alarm until it is answered. When Redis is slow the answer can come too
     * late and the terminal sends the alarm again, every few seconds: each retransmission must be
     * answered, but appended once, or a slow Redis feeds itself a storm of copies.
     */
    @Test
    void anAlarmSentAgainIsAnsweredButAppendedOnceWhileHeartbeatsAreAppendedEachTime() throws Exception {
        Alarm sos = new Alarm("9300000001", Protocol.WATCH, T0, Optional.empty(), "WATCH:9300000001:AL:" + T0,
                AlarmKind.SOS, Optional.empty(), "AL", Optional.empty());
        Heartbeat heartbeat = new Heartbeat("9300000001", Protocol.WATCH, T0, Optional.empty(), "WATCH:9300000001:LK:" + T0,
                OptionalInt.of(80), OptionalInt.empty());
        done(log.append(List.of(sos), EventLog.Lane.PRIORITY));
        done(log.append(List.of(sos), EventLog.Lane.PRIORITY));
        done(log.append(List.of(sos, sos), EventLog.Lane.PRIORITY));
        done(log.append(List.of(heartbeat), EventLog.Lane.NORMAL));
        done(log.append(List.of(heartbeat), EventLog.Lane.NORMAL));

        assertEquals(1L, streamLength(true), "the alarm once, however often it was sent");
        assertEquals(2L, streamLength(false), "heartbeats are not held back");
    }

    /**
     * A dispatcher slow to finish its events (because Redis is slow) keeps them: another takes
     * over only the events of one that stopped. The other node is played by the test's own
     * XAUTOCLAIM, tried every 100 ms for events idle {@link #TAKEN_AFTER}: sooner than the slow
     * node's own claim idle time, so that its own reclaiming never beats the test to an event,
     * and later than its renewals (every third of its claim idle time), with seconds to spare.
     */
    @Test
    void eventsHeldByALiveButSlowDispatcherAreNotTakenOverThoseOfAStoppedOneAre() {
        RedisEventLog slow = new RedisEventLog(link, 1000, Duration.ofSeconds(6));
        try {
            Alarm sos = new Alarm("9300000002", Protocol.WATCH, T0, Optional.empty(), "WATCH:9300000002:AL:" + T0,
                    AlarmKind.SOS, Optional.empty(), "AL", Optional.empty());
            done(slow.append(List.of(sos), EventLog.Lane.PRIORITY));
            await().atMost(Duration.ofSeconds(10)).until(() -> !done(slow.poll(10)).isEmpty());

            // Held, not finished, for several claim idle times: the slow one is alive, so the event stays with it.
            await().during(TAKEN_AFTER.multipliedBy(2)).atMost(TAKEN_AFTER.multipliedBy(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> takenOverByAnother().isEmpty());

            slow.close();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> takenOverByAnother().size() == 1);
        } finally {
            slow.close();
        }
    }

    private List<?> takenOverByAnother() throws Exception {
        return link.commands().xautoclaim(link.keys().events(true), io.lettuce.core.XAutoClaimArgs.Builder
                        .xautoclaim(io.lettuce.core.Consumer.from(RedisEventLog.GROUP, "another-node"), TAKEN_AFTER, "0-0").count(10))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).getMessages();
    }

    private long streamLength(boolean priority) throws Exception {
        return link.commands().xlen(link.keys().events(priority)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
