package io.onekey.dispatcher.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;
import io.onekey.dispatcher.store.Codec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device states in one Redis hash ({@code PROTOCOL:id} → {@code <lastSeen ms>|<JSON>}; the
 * prefix lets a script compare states without decoding them), answered from a mirror every
 * node keeps. Events come by the thousand a second, so a state is not written per event: the
 * states changed since the last flush are written together every flush period, and the other
 * nodes hear each batch as one message. A node takes a state heard from another only if it is
 * newer (by last seen) than the one it holds, and Redis does the same with the states it is
 * sent, so the order in which nodes flush does not matter.
 *
 * <p>A state is therefore at worst one flush period behind in Redis when a node dies; the
 * events behind it are in the event log, and a state is rebuilt by the next event anyway.
 */
public final class RedisDeviceStates implements DeviceStates, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisDeviceStates.class);
    static final String CHANGE = "device-state";
    public static final Duration DEFAULT_FLUSH_EVERY = Duration.ofMillis(200);
    private static final LuaScript KEEP_NEWER = LuaScript.load("keep-newer-states.lua");
    /** States per script call, so one flush after a pause does not hold Redis up. */
    private static final int BATCH = 500;

    private record Key(Protocol protocol, String id) {

        static Key parse(String field) {
            int colon = field.indexOf(':');
            return new Key(Protocol.valueOf(field.substring(0, colon)), field.substring(colon + 1));
        }

        String field() {
            return protocol.name() + ":" + id;
        }
    }

    private final RedisLink link;
    private final ConcurrentMap<Key, DeviceState> states = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, DeviceState> dirty = new ConcurrentHashMap<>();
    private volatile Consumer<List<HeardElsewhere>> remoteListener = heard -> { };
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "onekey-redis-device-states");
        t.setDaemon(true);
        return t;
    });

    public RedisDeviceStates(RedisLink link) {
        this(link, DEFAULT_FLUSH_EVERY);
    }

    /** Loads every state (blocking: call at start-up), follows the other nodes' states, and starts flushing. */
    public RedisDeviceStates(RedisLink link, Duration flushEvery) {
        this.link = link;
        HeldChanges changes = new HeldChanges(link, CHANGE, this::heard);
        HashScan.all(link, link.keys().deviceStates()).forEach((field, value) -> keepNewer(Key.parse(field), decode(value)));
        changes.release();
        flusher.scheduleWithFixedDelay(this::flush, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String encode(DeviceState state) {
        return state.lastSeen().toEpochMilli() + "|" + Codec.write(state);
    }

    private static DeviceState decode(String value) {
        return Codec.read(value.substring(value.indexOf('|') + 1), DeviceState.class);
    }

    private void heard(String payload) {
        List<HeardElsewhere> newer = new ArrayList<>();
        for (String line : payload.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                Key key = Key.parse(line.substring(0, tab));
                DeviceState state = decode(line.substring(tab + 1));
                if (keepNewer(key, state)) {
                    newer.add(new HeardElsewhere(key.protocol(), key.id(), state.lastSeen()));
                }
            }
        }
        if (!newer.isEmpty()) {
            remoteListener.accept(newer);
        }
    }

    /** A device another node heard from (it consumed the event), and when. */
    public record HeardElsewhere(Protocol protocol, String deviceId, Instant lastSeen) {
    }

    /**
     * Hears, batch by batch, the devices the other nodes heard from (on a Lettuce thread): device
     * supervision on every dispatcher follows every device, whichever dispatcher consumed its events.
     */
    public void onHeardElsewhere(Consumer<List<HeardElsewhere>> listener) {
        this.remoteListener = listener;
    }

    /** True when the state was newer than the one held (or there was none), and is kept now. */
    private boolean keepNewer(Key key, DeviceState heard) {
        return states.merge(key, heard, (held, other) -> other.lastSeen().isAfter(held.lastSeen()) ? other : held) == heard;
    }

    @Override
    public DeviceState apply(DeviceEvent event) {
        Key key = new Key(event.protocol(), event.deviceId());
        DeviceState state = states.compute(key, (k, old) -> DeviceState.after(old, event));
        dirty.put(key, state);
        return state;
    }

    @Override
    public Optional<DeviceState> get(Protocol protocol, String deviceId) {
        return Optional.ofNullable(states.get(new Key(protocol, deviceId)));
    }

    /** On the flusher's thread: sends the latest state of each device changed since the last flush. */
    private void flush() {
        List<Key> batch = new ArrayList<>(BATCH);
        List<String> args = new ArrayList<>(2 + 2 * BATCH);
        for (Key key : dirty.keySet()) {
            DeviceState state = dirty.remove(key);
            if (state == null) {
                continue;
            }
            if (batch.isEmpty()) {
                args.add(link.keys().changes());
                args.add(CHANGE + "\n" + link.node() + "\n");
            }
            batch.add(key);
            args.add(key.field());
            args.add(encode(state));
            if (batch.size() == BATCH) {
                send(batch, args);
                batch = new ArrayList<>(BATCH);
                args = new ArrayList<>(2 + 2 * BATCH);
            }
        }
        if (!batch.isEmpty()) {
            send(batch, args);
        }
    }

    private void send(List<Key> batch, List<String> args) {
        link.<Long>eval(KEEP_NEWER, ScriptOutputType.INTEGER, new String[] {link.keys().deviceStates()},
                args.toArray(String[]::new)).whenComplete((written, e) -> {
                    if (e != null) {
                        // Tried again with the next flush, unless a newer state is already waiting.
                        batch.forEach(key -> {
                            DeviceState state = states.get(key);
                            if (state != null) {
                                dirty.putIfAbsent(key, state);
                            }
                        });
                        log.debug("{} device states not stored yet: {}", batch.size(), e.getMessage());
                    }
                });
    }

    /**
     * Stops flushing and sends what is left, without waiting for Redis's answer (a flush still
     * running meanwhile only takes some of the states first).
     */
    @Override
    public void close() {
        flusher.shutdown();
        flush();
    }
}
