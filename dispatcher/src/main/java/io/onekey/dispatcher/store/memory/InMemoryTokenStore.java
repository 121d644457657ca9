package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.access.TokenStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token hashes in a map. Survives nothing. */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<String, Principal> byHash = new ConcurrentHashMap<>();

    @Override
    public void put(String hash, Principal principal) {
        byHash.put(hash, principal);
    }

    @Override
    public Optional<Principal> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public boolean remove(String tokenId) {
        return byHash.values().removeIf(p -> p.tokenId().equals(tokenId));
    }

    @Override
    public int removeAll(Role role, String subject) {
        int before = byHash.size();
        byHash.values().removeIf(p -> p.role() == role && p.subject().equals(subject));
        return before - byHash.size();
    }
}
