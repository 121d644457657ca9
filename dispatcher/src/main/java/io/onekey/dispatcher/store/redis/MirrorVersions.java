package io.onekey.dispatcher.store.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The version of each entry a node's mirror holds, so that the mirror ends where Redis ends
 * whatever order replies and other nodes' changes arrive in. A node applies its own change at
 * once, before Redis has given it a version; a change heard from another node meanwhile is
 * parked, and applied when the node's own writes are answered only if Redis ordered it after
 * them. Not thread-safe: guarded by the owner's lock, which also covers applying the change.
 */
final class MirrorVersions {

    /** A change heard while this node's own write of the entry was waiting for its version. */
    record Parked(long version, String body) {
    }

    private static final class Slot {
        long version;
        int inFlight;
        Parked parked;
    }

    private final Map<String, Slot> slots = new HashMap<>();

    private Slot slot(String key) {
        return slots.computeIfAbsent(key, k -> new Slot());
    }

    /** This node applied a change of the entry and is writing it. */
    void begin(String key) {
        slot(key).inFlight++;
    }

    /**
     * Redis answered a write of this node's ({@code version} 0 if it failed). Returns a change
     * heard meanwhile that Redis made after every write of this node's, to be applied now.
     */
    Optional<Parked> finish(String key, long version) {
        Slot slot = slot(key);
        slot.inFlight--;
        slot.version = Math.max(slot.version, version);
        if (slot.inFlight > 0 || slot.parked == null) {
            return Optional.empty();
        }
        Parked parked = slot.parked;
        slot.parked = null;
        if (parked.version() <= slot.version) {
            return Optional.empty();
        }
        slot.version = parked.version();
        return Optional.of(parked);
    }

    /** A change of the entry made elsewhere: true if it is to be applied now. */
    boolean heard(String key, long version, String body) {
        Slot slot = slot(key);
        if (version <= slot.version) {
            return false;
        }
        if (slot.inFlight > 0) {
            if (slot.parked == null || slot.parked.version() < version) {
                slot.parked = new Parked(version, body);
            }
            return false;
        }
        slot.version = version;
        return true;
    }
}
