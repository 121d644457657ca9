package io.onekey.dispatcher.access;

import java.util.Optional;

/**
 * Where token hashes live. Never a token itself: only the SHA-256 of it, with whom it stands
 * for. Reads run for every API request, so an implementation answers them from memory.
 */
public interface TokenStore {

    /** Keeps a token's hash (replacing one with the same hash). */
    void put(String hash, Principal principal);

    Optional<Principal> byHash(String hash);

    /** Forgets the token with this id; false if there was none. */
    boolean remove(String tokenId);

    /** Forgets every token of this role and subject; returns how many. */
    int removeAll(Role role, String subject);
}
