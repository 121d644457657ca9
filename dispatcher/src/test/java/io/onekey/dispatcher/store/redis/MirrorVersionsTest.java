package io.onekey.dispatcher.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A mirror ends where Redis ends, whichever arrives first: this node's reply or another node's change. */
class MirrorVersionsTest {

    private final MirrorVersions versions = new MirrorVersions();

    @Test
    void aChangeHeardBeforeTheReplyButMadeEarlierIsDropped() {
        versions.begin("k");
        assertFalse(versions.heard("k", 4, "theirs"));
        assertEquals(Optional.empty(), versions.finish("k", 5));
    }

    @Test
    void aChangeHeardBeforeTheReplyAndMadeLaterWinsOnceTheReplyComes() {
        versions.begin("k");
        assertFalse(versions.heard("k", 6, "theirs"));
        assertEquals(Optional.of(new MirrorVersions.Parked(6, "theirs")), versions.finish("k", 5));
        assertFalse(versions.heard("k", 6, "theirs"));
    }

    @Test
    void aChangeOlderThanTheReplyIsIgnoredAndANewerOneApplied() {
        versions.begin("k");
        versions.finish("k", 5);
        assertFalse(versions.heard("k", 3, "old"));
        assertTrue(versions.heard("k", 7, "new"));
    }

    @Test
    void withTwoOwnWritesInFlightAParkedChangeWaitsForTheLast() {
        versions.begin("k");
        versions.begin("k");
        assertFalse(versions.heard("k", 6, "theirs"));
        assertEquals(Optional.empty(), versions.finish("k", 5));
        assertEquals(Optional.empty(), versions.finish("k", 7));
    }

    @Test
    void aFailedWriteLetsAParkedChangeThrough() {
        versions.begin("k");
        assertFalse(versions.heard("k", 2, "theirs"));
        assertEquals(Optional.of(new MirrorVersions.Parked(2, "theirs")), versions.finish("k", 0));
    }
}
