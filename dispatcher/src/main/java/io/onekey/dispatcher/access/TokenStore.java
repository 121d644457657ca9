package io.onekey.dispatcher.access;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where token hashes live. Never a token itself: only the SHA-256 of it, with whom it stands
 * for. Reads run for every API request, so an implementation answers them from memory; a
 * removal takes effect there at once, before it is durable.
 */
public interface TokenStore {

    /** A kept token, without its secret: whom it stands for and when it was made. */
    record Entry(Principal principal, Instant createdAt) {
    }

    /** Keeps a token's hash (replacing one with the same hash); completes once it is durable. */
    Future<Void> put(String hash, Principal principal, Instant createdAt);

    /** Every token kept, oldest first. */
    List<Entry> list();

    Optional<Principal> byHash(String hash);

    /** Forgets the token with this id at once; completes (false if there was none) once that is durable. */
    Future<Boolean> remove(String tokenId);

    /** Forgets every token of this role and subject at once; completes with how many once durable. */
    Future<Integer> removeAll(Role role, String subject);
}
