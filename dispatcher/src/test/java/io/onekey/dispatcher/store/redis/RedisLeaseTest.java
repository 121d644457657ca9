package io.onekey.dispatcher.store.redis;

import static io.onekey.dispatcher.store.contract.AlertStoreContract.done;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onekey.testing.RedisForTests;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One node at a time holds the care clock; when it stops renewing, another takes it over. */
class RedisLeaseTest {

    private String namespace;
    private RedisLink first;
    private RedisLink second;

    @BeforeEach
    void redis() {
        RedisForTests.require();
        namespace = RedisForTests.freshNamespace();
        first = RedisLink.connect(RedisForTests.URL, namespace);
        second = RedisLink.connect(RedisForTests.URL, namespace);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        RedisForTests.drop(namespace);
    }

    @Test
    void theHolderRenewsItAndNobodyElseGetsItUntilItLapses() {
        Duration period = Duration.ofMillis(800);
        RedisLease onFirst = new RedisLease(first, "care-clock", period);
        RedisLease onSecond = new RedisLease(second, "care-clock", period);
        assertTrue(done(onFirst.hold()));
        assertFalse(done(onSecond.hold()), "held by the first node");
        assertTrue(done(onFirst.hold()), "the holder renews it");
        assertFalse(done(onSecond.hold()));
        // The first node stops renewing (it died): the lease lapses and the second takes it.
        await().atMost(Duration.ofSeconds(10)).until(() -> done(onSecond.hold()));
        assertFalse(done(onFirst.hold()), "the old holder does not get it back while the new one renews");
    }
}
