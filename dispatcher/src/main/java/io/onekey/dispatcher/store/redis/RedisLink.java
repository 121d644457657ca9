package io.onekey.dispatcher.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's link to the shared Redis: a connection for commands (Lettuce's asynchronous
 * API, shared by every store of the process), one for the change channel, the node's name,
 * and the health the readiness check reports.
 *
 * <p>Commands fail at once while Redis is unreachable (they are not queued): a device is then
 * left unanswered and retransmits, rather than being answered for an event that sits in a
 * client-side queue of a process that may die. Replies are handed back on the Vert.x context
 * that asked, so store code never runs on Lettuce's threads.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    /**
     * How long a command may wait for its reply. Longer than the health check's, on purpose: when
     * Redis is slow (not gone: a command to a closed connection fails at once) a reply that comes
     * late still answers the terminal, where giving up after a few seconds left unanswered an
     * alarm that Redis went on to store, and the terminal sent it again and again.
     */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** How long the health check waits for PONG before it reports Redis unreachable (and the node not ready). */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PING_EVERY = Duration.ofSeconds(1);

    private final RedisClient client;
    private final ClientResources resources;
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final RedisKeys keys;
    private final String node;
    /** Listeners of the other nodes' changes, by kind of change. */
    private final Map<String, Consumer<String>> changeListeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "onekey-redis-ping");
        t.setDaemon(true);
        return t;
    });
    private volatile String failure;

    /**
     * Connects (blocking: call at start-up, never on an event loop).
     *
     * @param url       {@code redis://host:port[/db]}, {@code rediss://…}, or {@code redis-sentinel://…}
     * @param namespace prefix of every key, so several installations (or tests) share one Redis
     */
    public static RedisLink connect(String url, String namespace) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        // Reconnect attempts every 10 ms rising to at most 1 s (not Lettuce's 30 s): after an outage
        // the devices' retransmissions are answered again within a second of Redis's return.
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            return new RedisLink(client, resources, new RedisKeys(namespace));
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + safe(uri) + ": " + e.getMessage(), e);
        }
    }

    private RedisLink(RedisClient client, ClientResources resources, RedisKeys keys) {
        this.client = client;
        this.resources = resources;
        this.keys = keys;
        this.node = UUID.randomUUID().toString().substring(0, 8);
        this.connection = client.connect();
        this.pubSub = client.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                try {
                    dispatch(message);
                } catch (RuntimeException e) {
                    log.warn("a change from another node could not be applied: {}", e.toString());
                }
            }
        });
        pubSub.sync().subscribe(keys.changes());
        // Changes published while this node was cut off from Redis never reach it: once the change
        // channel is connected again, the stores read back what they mirror.
        pubSub.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                reconnectListeners.forEach(listener -> {
                    try {
                        listener.run();
                    } catch (RuntimeException e) {
                        log.warn("resynchronising after a reconnection failed: {}", e.toString());
                    }
                });
            }
        });
        pinger.scheduleWithFixedDelay(this::ping, 0, PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The URL without its password, for logs and the banner. */
    private static String safe(RedisURI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private void ping() {
        connection.async().ping().toCompletableFuture().orTimeout(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((pong, e) -> {
                    String was = failure;
                    failure = e == null ? null : describe(unwrapped(e));
                    if (was == null && failure != null) {
                        log.error("Redis unreachable: {}; devices are not answered until it is back", failure);
                    } else if (was != null && failure == null) {
                        log.info("Redis reachable again");
                    }
                });
    }

    private static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no reply to PING within " + PING_TIMEOUT.toSeconds() + " s";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    /** A connection of its own, for a command that blocks (a blocking stream read) and must not hold up the others. */
    public StatefulRedisConnection<String, String> dedicatedConnection() {
        return client.connect();
    }

    public RedisKeys keys() {
        return keys;
    }

    /** This process's name among the nodes: its consumer name, and the sender of its changes. */
    public String node() {
        return node;
    }

    public boolean healthy() {
        return failure == null && connection.isOpen();
    }

    public Optional<String> failure() {
        if (!connection.isOpen()) {
            return Optional.of("not connected to Redis");
        }
        return Optional.ofNullable(failure).map(f -> "Redis: " + f);
    }

    /**
     * The reply as a Vert.x future completed on the caller's context (when called on one), so
     * that what follows runs where the caller runs.
     */
    public static <T> Future<T> onCaller(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        Future<T> reply = context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
        // A stage composed of others wraps their failures: callers look at the failure itself
        // (a 409 conflict, a duplicate alarm), not at the wrapper.
        return reply.recover(e -> Future.failedFuture(unwrapped(e)));
    }

    static Throwable unwrapped(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Runs a Lua script by its digest, loading it first if this Redis has not seen it. */
    public <T> CompletionStage<T> eval(LuaScript script, ScriptOutputType type, String[] keyList, String... args) {
        return commands().<T>evalsha(script.sha(), type, keyList, args).handle((result, e) -> {
            if (e == null) {
                return CompletableFuture.completedStage(result);
            }
            if (isNoScript(e)) {
                return commands().<T>eval(script.text(), type, keyList, args);
            }
            return CompletableFuture.<T>failedStage(e);
        }).thenCompose(stage -> stage);
    }

    private static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the task after the delay, on this link's own thread (for retries; never on an event loop). */
    public void later(Runnable task, Duration delay) {
        pinger.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs after the change channel reconnected (on a Lettuce thread): the mirrors catch up with what they missed. */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /** Publishes a change for the other nodes; the message says which node sent it. */
    public CompletionStage<Long> publish(String kind, String payload) {
        return commands().publish(keys.changes(), kind + "\n" + node + "\n" + payload);
    }

    /**
     * Hears the other nodes' changes of one kind (not this node's own), on a Lettuce thread:
     * the listener must hand work to its own context.
     */
    public void onChange(String kind, Consumer<String> listener) {
        changeListeners.put(kind, listener);
    }

    private void dispatch(String message) {
        int first = message.indexOf('\n');
        int second = first < 0 ? -1 : message.indexOf('\n', first + 1);
        if (second < 0) {
            return;
        }
        String kind = message.substring(0, first);
        String sender = message.substring(first + 1, second);
        Consumer<String> listener = changeListeners.get(kind);
        if (listener != null && !sender.equals(node)) {
            listener.accept(message.substring(second + 1));
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        pubSub.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown();
    }
}
