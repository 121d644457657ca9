package io.onekey.dispatcher.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.onekey.dispatcher.access.Principal;
import io.onekey.dispatcher.access.Role;
import io.onekey.dispatcher.access.TokenStore;
import io.onekey.dispatcher.store.Codec;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Token hashes in one Redis hash (token hash → JSON of its {@link TokenStore.Entry}), answered
 * from a mirror every node keeps. A put enters the mirror once Redis has it; a removal leaves
 * the mirror at once, and the others' mirrors when they hear of it. Both are Lua scripts that
 * publish as they write, so every node hears puts and removals in Redis's order.
 *
 * <p>The hashes revoked since start-up are remembered: a put another node made just before
 * the revocation may still be on its way to this node when the revocation's reply comes back,
 * and must not bring the token back. Revocations are rare, so the set stays small.
 */
public final class RedisTokenStore implements TokenStore {

    static final String CHANGE = "token";
    private static final LuaScript PUT = LuaScript.load("put-token.lua");
    private static final LuaScript REMOVE = LuaScript.load("remove-tokens.lua");

    private final RedisLink link;
    private final ConcurrentMap<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    /** Loads every token hash (blocking: call at start-up) and follows the other nodes' changes. */
    public RedisTokenStore(RedisLink link) {
        this.link = link;
        HeldChanges changes = new HeldChanges(link, CHANGE, this::heard);
        HashScan.all(link, link.keys().tokens()).forEach((hash, json) -> byHash.put(hash, Codec.read(json, Entry.class)));
        changes.release();
    }

    private void heard(String payload) {
        String[] parts = payload.split("\t", -1);
        if (parts[0].equals("+") && parts.length == 3) {
            if (!revoked.contains(parts[1])) {
                byHash.put(parts[1], Codec.read(parts[2], Entry.class));
            }
        } else if (parts[0].equals("-")) {
            for (int i = 1; i < parts.length; i++) {
                forget(parts[i]);
            }
        }
    }

    private void forget(String hash) {
        revoked.add(hash);
        byHash.remove(hash);
    }

    @Override
    public Future<Void> put(String hash, Principal principal, Instant createdAt) {
        Entry entry = new Entry(principal, createdAt);
        return RedisLink.<Long>onCaller(link.eval(PUT, ScriptOutputType.INTEGER, new String[] {link.keys().tokens()},
                hash, Codec.write(entry), link.keys().changes(), prefix())).map(written -> {
                    revoked.remove(hash);
                    byHash.put(hash, entry);
                    return null;
                });
    }

    private String prefix() {
        return CHANGE + "\n" + link.node() + "\n";
    }

    @Override
    public List<Entry> list() {
        return byHash.values().stream().sorted(Comparator.comparing(Entry::createdAt)).toList();
    }

    @Override
    public Optional<Principal> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash)).map(Entry::principal);
    }

    @Override
    public Future<Boolean> remove(String tokenId) {
        Set<String> gone = removeHere(p -> p.tokenId().equals(tokenId));
        return removeInRedis(gone, "id", tokenId, "").map(all -> !all.isEmpty());
    }

    @Override
    public Future<Integer> removeAll(Role role, String subject) {
        Set<String> gone = removeHere(p -> p.role() == role && p.subject().equals(subject));
        return removeInRedis(gone, "subject", role.name(), subject).map(Set::size);
    }

    /** Takes effect on this node before Redis answers: a revoked token stops working at once. */
    private Set<String> removeHere(Predicate<Principal> which) {
        Set<String> gone = new HashSet<>();
        for (Map.Entry<String, Entry> e : byHash.entrySet()) {
            if (which.test(e.getValue().principal())) {
                gone.add(e.getKey());
            }
        }
        gone.forEach(this::forget);
        return gone;
    }

    /** Completes with every hash removed, here or in Redis (which may hold tokens this node has not heard of yet). */
    private Future<Set<String>> removeInRedis(Set<String> goneHere, String mode, String first, String second) {
        return RedisLink.<List<Object>>onCaller(link.eval(REMOVE, ScriptOutputType.MULTI, new String[] {link.keys().tokens()},
                mode, first, second, link.keys().changes(), prefix())).map(removed -> {
                    Set<String> all = new HashSet<>(goneHere);
                    List<String> hashes = new ArrayList<>(removed.size());
                    removed.forEach(h -> hashes.add(String.valueOf(h)));
                    hashes.forEach(this::forget);
                    all.addAll(hashes);
                    return all;
                });
    }
}
