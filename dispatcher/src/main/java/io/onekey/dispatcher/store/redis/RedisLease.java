package io.onekey.dispatcher.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * A job only one node of the installation may do at a time (the care services' clock: offers,
 * welfare checks, the 120 hand-off), held by the node that renews it each round. If that node
 * dies the lease runs out and the next node to ask takes it: no home-made election, one key in
 * Redis with an expiry.
 */
public final class RedisLease {

    private static final LuaScript HOLD = LuaScript.load("hold-lease.lua");

    private final RedisLink link;
    private final String key;
    private final Duration period;

    /**
     * @param name   what the lease is for (part of its key)
     * @param period how long a holder that stops renewing keeps it
     */
    public RedisLease(RedisLink link, String name, Duration period) {
        this.link = link;
        this.key = "{" + link.keys().namespace() + ":lease}:" + name;
        this.period = period;
    }

    /** Takes or renews the lease; true if this node holds it for the next period. */
    public Future<Boolean> hold() {
        return RedisLink.onCaller(link.<Long>eval(HOLD, ScriptOutputType.INTEGER, new String[] {key}, link.node(),
                Long.toString(period.toMillis()))).map(held -> held == 1L);
    }
}
