package io.onekey.dispatcher.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The other nodes' changes of one kind, held back while a store loads from Redis and handed
 * over in the order heard once it has: a change published between the subscription and the
 * end of the load is then applied after what the load read, never before it.
 */
final class HeldChanges {

    private final Consumer<String> apply;
    private List<String> held = new ArrayList<>();

    HeldChanges(RedisLink link, String kind, Consumer<String> apply) {
        this.apply = apply;
        link.onChange(kind, this::heard);
    }

    // Changes arrive on the pub/sub connection's one thread; holding the lock while applying keeps their order.
    private synchronized void heard(String payload) {
        if (held != null) {
            held.add(payload);
        } else {
            apply.accept(payload);
        }
    }

    /** The load is done: applies what was held, then every change as it comes. */
    synchronized void release() {
        List<String> waiting = held;
        held = null;
        waiting.forEach(apply);
    }
}
