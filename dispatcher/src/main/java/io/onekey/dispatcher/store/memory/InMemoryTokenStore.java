package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.access.TokenStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token hashes in a map. Survives nothing. */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<String, Principal> byHash = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> created = new ConcurrentHashMap<>();

    @Override
    public Future<Void> put(String hash, Principal principal, Instant createdAt) {
        byHash.put(hash, principal);
        created.put(principal.tokenId(), createdAt);
        return Future.succeededFuture();
    }

    @Override
    public List<Entry> list() {
        return byHash.values().stream().map(p -> new Entry(p, created.getOrDefault(p.tokenId(), Instant.EPOCH)))
                .sorted(Comparator.comparing(Entry::createdAt)).toList();
    }

    @Override
    public Optional<Principal> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public Future<Boolean> remove(String tokenId) {
        return Future.succeededFuture(byHash.values().removeIf(p -> p.tokenId().equals(tokenId)));
    }

    @Override
    public Future<Integer> removeAll(Role role, String subject) {
        int before = byHash.size();
        byHash.values().removeIf(p -> p.role() == role && p.subject().equals(subject));
        return Future.succeededFuture(before - byHash.size());
    }
}
