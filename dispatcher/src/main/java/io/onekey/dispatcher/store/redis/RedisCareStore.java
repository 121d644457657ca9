package io.onekey.dispatcher.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.onekey.dispatcher.store.CareDocuments;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Care records in the shared Redis: one hash per shelf (id → JSON), under a hash tag of their
 * own, so every node reads the same records.
 */
public final class RedisCareStore extends CareDocuments {

    private static final LuaScript SWAP = LuaScript.load("swap-care-document.lua");

    private static final int PUT_AT_ONCE = 1_000;

    private final RedisLink link;

    public RedisCareStore(RedisLink link) {
        this.link = link;
    }

    private String key(Shelf shelf) {
        return "{" + link.keys().namespace() + ":care}:" + shelf.key;
    }

    @Override
    protected Future<Void> put(Shelf shelf, String id, String json) {
        return RedisLink.onCaller(link.commands().hset(key(shelf), id, json)).mapEmpty();
    }

    /** In commands of at most {@value #PUT_AT_ONCE} fields, so that no one command holds Redis long. */
    @Override
    protected Future<Void> putAll(Shelf shelf, Map<String, String> jsonById) {
        List<Future<Long>> writes = new ArrayList<>();
        Map<String, String> part = new HashMap<>();
        for (Map.Entry<String, String> e : jsonById.entrySet()) {
            part.put(e.getKey(), e.getValue());
            if (part.size() == PUT_AT_ONCE) {
                writes.add(RedisLink.onCaller(link.commands().hset(key(shelf), part)));
                part = new HashMap<>();
            }
        }
        if (!part.isEmpty()) {
            writes.add(RedisLink.onCaller(link.commands().hset(key(shelf), part)));
        }
        return Future.all(writes).mapEmpty();
    }

    @Override
    protected Future<Boolean> swap(Shelf shelf, String id, String expected, String json) {
        return RedisLink.onCaller(link.<Long>eval(SWAP, ScriptOutputType.INTEGER, new String[] {key(shelf)}, id,
                expected == null ? "" : expected, json)).map(written -> written == 1L);
    }

    @Override
    protected Future<Optional<String>> get(Shelf shelf, String id) {
        return RedisLink.onCaller(link.commands().hget(key(shelf), id)).map(Optional::ofNullable);
    }

    @Override
    protected Future<List<String>> all(Shelf shelf) {
        return RedisLink.onCaller(link.commands().hvals(key(shelf))).map(List::copyOf);
    }

    @Override
    protected Future<Boolean> remove(Shelf shelf, String id) {
        return RedisLink.onCaller(link.commands().hdel(key(shelf), id)).map(n -> n > 0);
    }
}
