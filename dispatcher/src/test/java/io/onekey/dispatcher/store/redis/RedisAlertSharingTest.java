package io.onekey.dispatcher.store.redis;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.alert;
import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static io.onekey.dispatcher.store.contract.AlertStoreContract.failure;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.dispatcher.alert.Alert;
import io.onekey.dispatcher.alert.AlertChange;
import io.onekey.dispatcher.alert.HistoryEntry;
import io.onekey.dispatcher.alert.Priority;
import io.onekey.dispatcher.error.DispatchException;
import io.onekey.dispatcher.eventlog.DuplicateAlarmException;
import io.onekey.testing.RedisForTests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one Redis, each with its own copy of the alerts: what one saves the other hears;
 * of two changes made from one version only one is stored; two nodes never open two alerts for
 * one resident's press, never store one press twice, and never both take a due deadline.
 */
class RedisAlertSharingTest {

    private static final Instant T0 = Instant.now().minusSeconds(120);

    private String namespace;
    private RedisLink linkA;
    private RedisLink linkB;
    private RedisDedupKeys keysA;
    private RedisDedupKeys keysB;
    private RedisAlertStore nodeA;
    private RedisAlertStore nodeB;

    @BeforeEach
    void twoNodes() {
        RedisForTests.require();
        namespace = RedisForTests.freshNamespace();
        linkA = RedisLink.connect(RedisForTests.URL, namespace);
        linkB = RedisLink.connect(RedisForTests.URL, namespace);
        keysA = new RedisDedupKeys(100);
        keysB = new RedisDedupKeys(100);
        nodeA = new RedisAlertStore(linkA, Clock.systemUTC(), Duration.ofDays(7), keysA);
        nodeB = new RedisAlertStore(linkB, Clock.systemUTC(), Duration.ofDays(7), keysB);
    }

    @AfterEach
    void close() {
        if (linkA != null) {
            linkA.close();
            linkB.close();
            RedisForTests.drop(namespace);
        }
    }

    @Test
    void whatOneNodeSavesTheOtherHearsAndShows() {
        List<AlertChange> heardOnB = new CopyOnWriteArrayList<>();
        nodeB.onRemoteChange(heardOnB::add);
        done(nodeA.save(alert("A1", Priority.P1, "R1", T0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> heardOnB.size() == 1);
        assertTrue(heardOnB.get(0).opened());
        assertEquals(1, nodeB.openCount());
        assertEquals("A1", done(nodeB.openOf("resident:R1")).get(0).id());
    }

    @Test
    void ofTwoChangesMadeFromOneVersionOnlyOneIsStored() {
        Alert opened = alert("A1", Priority.P1, "R1", T0);
        done(nodeA.save(opened));
        await().atMost(Duration.ofSeconds(10)).until(() -> done(nodeB.get("A1")).isPresent());
        Alert byA = opened.edit().history(new HistoryEntry(T0, "operator:a", "note", opened.state(), "from A")).build();
        Alert byB = opened.edit().history(new HistoryEntry(T0, "operator:b", "note", opened.state(), "from B")).build();
        done(nodeA.save(byA));
        Throwable refused = failure(nodeB.save(byB));
        assertInstanceOf(DispatchException.class, refused);
        assertEquals(409, ((DispatchException) refused).status());
        // Refused, node B holds the winner's version: a retry builds on it.
        assertEquals("from A", done(nodeB.get("A1")).orElseThrow().history().get(1).note());
    }

    @Test
    void twoNodesNeverOpenTwoAlertsOfOneKindForOneResident() {
        done(nodeA.save(alert("A1", Priority.P1, "R1", T0)));
        Throwable refused = failure(nodeB.save(alert("A2", Priority.P1, "R1", T0.plusSeconds(1))));
        assertEquals(409, ((DispatchException) refused).status());
        assertTrue(done(nodeB.openOf("resident:R1")).stream().anyMatch(a -> a.id().equals("A1")),
                "the refusal leaves node B knowing the open alert, so a retry merges into it");
    }

    @Test
    void aPressStoredByOneNodeIsADuplicateOnTheOther() {
        keysA.add("watch:D1:7");
        done(nodeA.save(alert("A1", Priority.P1, "R1", T0)));
        keysB.add("watch:D1:7");
        Throwable refused = failure(nodeB.save(alert("A2", Priority.P1, "R2", T0)));
        assertInstanceOf(DuplicateAlarmException.class, refused);
        assertTrue(done(nodeB.get("A2")).isEmpty(), "nothing of the refused change is stored");
    }

    @Test
    void aDueDeadlineIsTakenByOneNodeOnly() {
        done(nodeA.save(alert("A1", Priority.P1, "R1", T0)));
        Instant now = T0.plusSeconds(61);
        List<String> takenByA = done(nodeA.due(now));
        List<String> takenByB = done(nodeB.due(now));
        assertEquals(List.of("A1"), takenByA);
        assertEquals(List.of(), takenByB, "claimed by A for its lease");
        assertEquals(List.of("A1"), done(nodeB.due(now.plusSeconds(6))),
                "a node that claimed a deadline and did nothing with it loses it when the lease runs out");
    }
}
