package io.onekey.dispatcher.store.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.onekey.device.event.Alarm;
import io.onekey.device.event.DeviceEvent;
import io.onekey.dispatcher.eventlog.EventLog;
import io.onekey.dispatcher.eventlog.EventLogFullException;
import io.onekey.dispatcher.eventlog.StoredEvent;
import io.onekey.dispatcher.store.Codec;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log in two Redis Streams (the priority lane and the normal lane), read by one
 * consumer group that every dispatcher node joins. Gateways append; each entry goes to one
 * dispatcher; an entry is acknowledged and deleted only once that dispatcher processed it.
 * Entries a dead (or stuck) node left pending are claimed by a live one with XAUTOCLAIM after
 * {@code claimIdle}, so a press is never stranded with a node that died holding it.
 *
 * <p>A node reads ahead a little with a blocking XREADGROUP on a connection of its own (so the
 * block never delays other commands), keeps what it read in a small local buffer, and wakes
 * its dispatcher; the priority lane is always handed out first.
 */
public final class RedisEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(RedisEventLog.class);
    static final String GROUP = "dispatchers";
    /** Entries read ahead and not yet handed out; a node never hoards more than this. */
    private static final int READ_AHEAD = 64;
    private static final int RENEW_AT_ONCE = 500;
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofMillis(500);
    private static final Duration GONE_AFTER = Duration.ofHours(1);
    private static final Duration ACKNOWLEDGE_EVERY = Duration.ofMillis(5);
    private static final LuaScript APPEND = LuaScript.load("append-events.lua");
    /**
     * How long an appended alarm is recognised at the gateway's hand-off. Terminals retransmit
     * within seconds to minutes; a replay after this is still recognised by the dispatcher's dedup memory.
     */
    private static final Duration APPENDED_MARKER_LIFETIME = Duration.ofHours(1);
    private static final LuaScript ACK = LuaScript.load("ack-events.lua");

    private final RedisLink link;
    private final String priorityStream;
    private final String normalStream;
    private final int capacity;
    private final Duration claimIdle;
    private final Deque<StoredEvent> priority = new ArrayDeque<>();
    private final Deque<StoredEvent> normal = new ArrayDeque<>();
    /** Entry ids ("lane:id") read by this node and not yet acknowledged: a reclaim skips them. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** When this node last took or finished an event (System.nanoTime): renewing its claims needs it alive. */
    private volatile long lastProgress = System.nanoTime();
    private final AtomicLong unread = new AtomicLong();
    private final List<StoredEvent> toAcknowledge = new ArrayList<>();
    private boolean acknowledgeScheduled;
    private volatile Instant oldest;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "onekey-redis-events");
        t.setDaemon(true);
        return t;
    });
    private volatile Runnable appendListener = () -> { };
    private volatile boolean consuming;
    private volatile boolean closed;
    private boolean reading;
    private StatefulRedisConnection<String, String> reader;

    /**
     * @param capacity  the most entries each lane may hold unprocessed; appends beyond it are refused
     * @param claimIdle how long an entry may sit unacknowledged with a node before another takes it over
     */
    public RedisEventLog(RedisLink link, int capacity, Duration claimIdle) {
        this.link = link;
        this.priorityStream = link.keys().events(true);
        this.normalStream = link.keys().events(false);
        this.capacity = capacity;
        this.claimIdle = claimIdle;
        createGroup(priorityStream);
        createGroup(normalStream);
        timers.scheduleWithFixedDelay(this::measureBacklog, 0, 1, TimeUnit.SECONDS);
    }

    /** The group reads from the start of the stream: events appended before any dispatcher joined are not skipped. */
    private void createGroup(String stream) {
        try {
            link.commands().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), GROUP, XGroupCreateArgs.Builder.mkstream())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof RedisBusyException) && !String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw new IllegalStateException("cannot create the consumer group on " + stream + ": " + e.getMessage(), e);
            }
        }
    }

    // ---- appending (gateways)

    @Override
    public Future<Void> append(List<DeviceEvent> events, Lane lane) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        String stream = lane == Lane.PRIORITY ? priorityStream : normalStream;
        List<String> keyList = new ArrayList<>();
        keyList.add(stream);
        String[] args = new String[2 + 2 * events.size()];
        args[0] = Integer.toString(capacity);
        args[1] = Long.toString(APPENDED_MARKER_LIFETIME.toSeconds());
        for (int i = 0; i < events.size(); i++) {
            DeviceEvent event = events.get(i);
            // A frame with an alarm (the priority lane) is sent until it is answered: a retransmission
            // after a late answer is not appended again, neither its alarms nor the rest of the frame.
            if (lane == Lane.PRIORITY || event instanceof Alarm) {
                keyList.add(link.keys().appended(event.dedupKey()));
                args[2 + 2 * i] = Integer.toString(keyList.size());
            } else {
                args[2 + 2 * i] = "0";
            }
            args[3 + 2 * i] = Codec.writeEvent(event);
        }
        CompletionStage<Void> stored = link.<List<Object>>eval(APPEND, ScriptOutputType.MULTI, keyList.toArray(String[]::new), args)
                .handle((ids, e) -> {
                    if (e != null) {
                        if (String.valueOf(e.getMessage()).contains("FULL")) {
                            throw new EventLogFullException(capacity);
                        }
                        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                    appendListener.run();
                    return null;
                });
        return Future.fromCompletionStage(stored).recover(e -> Future.failedFuture(RedisLink.unwrapped(e)));
    }

    // ---- consuming (dispatchers)

    @Override
    public void onAppend(Runnable listener) {
        this.appendListener = listener;
        startConsuming();
    }

    /** This node joins the consumers: it reads ahead and takes over what dead nodes left. Gateways never call it. */
    private synchronized void startConsuming() {
        if (!consuming) {
            consuming = true;
            reader = link.dedicatedConnection();
            timers.scheduleWithFixedDelay(this::reclaim, claimIdle.toMillis() / 2, Math.max(250, claimIdle.toMillis() / 4),
                    TimeUnit.MILLISECONDS);
            timers.scheduleWithFixedDelay(this::renewHeld, claimIdle.toMillis() / 3, Math.max(250, claimIdle.toMillis() / 3),
                    TimeUnit.MILLISECONDS);
            timers.scheduleWithFixedDelay(this::forgetGoneConsumers, 1, 10, TimeUnit.MINUTES);
            readAhead();
        }
    }

    @Override
    public synchronized Future<List<StoredEvent>> poll(int max) {
        lastProgress = System.nanoTime();
        List<StoredEvent> out = new ArrayList<>(Math.min(max, priority.size() + normal.size()));
        while (out.size() < max && !priority.isEmpty()) {
            out.add(priority.poll());
        }
        while (out.size() < max && !normal.isEmpty()) {
            out.add(normal.poll());
        }
        if (!consuming) {
            startConsuming();
        } else if (!reading) {
            readAhead();
        }
        return Future.succeededFuture(out);
    }

    /** Reads the next entries for this node, blocking in Redis (not here) until some come. */
    private synchronized void readAhead() {
        int room = READ_AHEAD - priority.size() - normal.size();
        if (closed || room <= 0) {
            reading = false; // poll() restarts the reading once the dispatcher took some
            return;
        }
        reading = true;
        reader.async().xreadgroup(Consumer.from(GROUP, link.node()),
                        XReadArgs.Builder.block(BLOCK).count(room),
                        XReadArgs.StreamOffset.lastConsumed(priorityStream), XReadArgs.StreamOffset.lastConsumed(normalStream))
                .whenComplete((messages, e) -> {
                    if (e != null) {
                        if (!closed) {
                            log.debug("reading events failed, retrying: {}", e.getMessage());
                            timers.schedule(this::readAhead, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                        }
                        return;
                    }
                    if (!messages.isEmpty()) {
                        take(messages);
                        appendListener.run();
                    }
                    readAhead();
                });
    }

    private synchronized void take(List<StreamMessage<String, String>> messages) {
        for (StreamMessage<String, String> message : messages) {
            boolean isPriority = message.getStream().equals(priorityStream);
            if (!held.add(laneKey(isPriority, message.getId()))) {
                continue;
            }
            String body = message.getBody().get("e");
            if (body == null) {
                log.warn("event {} on {} has no body; dropped", message.getId(), message.getStream());
                continue;
            }
            DeviceEvent event;
            try {
                event = Codec.readEvent(body);
            } catch (RuntimeException e) {
                log.error("event {} on {} cannot be read and is set aside: {}", message.getId(), message.getStream(), e.getMessage());
                continue;
            }
            (isPriority ? priority : normal).add(new StoredEvent(EntryIds.sequence(message.getId(), isPriority), event));
        }
    }

    /** Takes over entries another node (or this one, before a restart) left unacknowledged for too long. */
    private void reclaim() {
        for (String stream : List.of(priorityStream, normalStream)) {
            link.commands().xautoclaim(stream, XAutoClaimArgs.Builder.xautoclaim(Consumer.from(GROUP, link.node()), claimIdle, "0-0")
                            .count(READ_AHEAD))
                    .whenComplete((claimed, e) -> {
                        if (e != null) {
                            log.debug("reclaiming events failed: {}", e.getMessage());
                            return;
                        }
                        List<StreamMessage<String, String>> fresh = claimed.getMessages().stream()
                                .filter(m -> !held.contains(laneKey(stream.equals(priorityStream), m.getId()))).toList();
                        if (!fresh.isEmpty()) {
                            log.warn("took over {} events left unprocessed for {} s (by a dispatcher that stopped, or"
                                    + " after a failure)", fresh.size(), claimIdle.toSeconds());
                            take(fresh);
                            appendListener.run();
                        }
                    });
        }
    }

    /**
     * Claims again, for this node, the events it holds (read ahead or under way), which resets
     * their idle time: another node takes over only the events of a node that stopped, not those
     * of one that is alive but slow (a Redis slow to answer makes every event slow). Without it,
     * two live dispatchers took each other's events every few seconds under a storm, and each
     * event was worked on twice. Should one be taken meanwhile all the same, the work is safe to
     * do twice (dedup keys, versioned alerts); this only keeps it rare.
     */
    private void renewHeld() {
        // A dispatcher that has neither taken nor finished an event for several claim idle times
        // is stuck, not slow: its events are left to go idle, and another node takes them over.
        if (System.nanoTime() - lastProgress > claimIdle.multipliedBy(3).toNanos()) {
            return;
        }
        List<String> priorityIds = new ArrayList<>();
        List<String> normalIds = new ArrayList<>();
        for (String key : held) {
            (key.startsWith("p:") ? priorityIds : normalIds).add(key.substring(2));
        }
        renew(priorityStream, priorityIds);
        renew(normalStream, normalIds);
    }

    private void renew(String stream, List<String> ids) {
        for (int from = 0; from < ids.size(); from += RENEW_AT_ONCE) {
            String[] part = ids.subList(from, Math.min(ids.size(), from + RENEW_AT_ONCE)).toArray(String[]::new);
            link.commands().xclaim(stream, Consumer.from(GROUP, link.node()), XClaimArgs.Builder.justid(), part)
                    .whenComplete((renewed, e) -> {
                        if (e != null) {
                            log.debug("renewing held events failed: {}", e.getMessage());
                        }
                    });
        }
    }

    /**
     * Each process joins the group under a name of its own, so the group would collect the names
     * of every process that ever ran: names holding nothing and idle for an hour are removed.
     */
    private void forgetGoneConsumers() {
        for (String stream : List.of(priorityStream, normalStream)) {
            link.commands().xinfoConsumers(stream, GROUP).thenAccept(consumers -> {
                for (Object consumer : consumers) {
                    if (consumer instanceof List<?> fields) {
                        String name = String.valueOf(field(fields, "name"));
                        Object pending = field(fields, "pending");
                        Object idle = field(fields, "idle");
                        if (!name.equals(link.node()) && pending instanceof Long p && p == 0
                                && idle instanceof Long ms && ms > GONE_AFTER.toMillis()) {
                            link.commands().xgroupDelconsumer(stream, Consumer.from(GROUP, name));
                        }
                    }
                }
            }).exceptionally(e -> {
                log.debug("gone consumers not removed: {}", e.getMessage());
                return null;
            });
        }
    }

    /**
     * Acknowledges in small groups: events are marked one by one as they finish, and one script
     * call every few milliseconds acknowledges all of them.
     */
    @Override
    public void processed(List<StoredEvent> events) {
        lastProgress = System.nanoTime();
        synchronized (toAcknowledge) {
            toAcknowledge.addAll(events);
            if (acknowledgeScheduled || toAcknowledge.isEmpty()) {
                return;
            }
            acknowledgeScheduled = true;
        }
        timers.schedule(this::acknowledgeWaiting, ACKNOWLEDGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acknowledgeWaiting() {
        List<StoredEvent> events;
        synchronized (toAcknowledge) {
            events = new ArrayList<>(toAcknowledge);
            toAcknowledge.clear();
            acknowledgeScheduled = false;
        }
        List<String> priorityIds = new ArrayList<>();
        List<String> normalIds = new ArrayList<>();
        for (StoredEvent event : events) {
            boolean isPriority = EntryIds.isPriority(event.sequence());
            String id = EntryIds.id(event.sequence());
            (isPriority ? priorityIds : normalIds).add(id);
        }
        acknowledge(priorityStream, priorityIds, true);
        acknowledge(normalStream, normalIds, false);
    }

    /** Released here: after {@code claimIdle} they are claimed again (by this node or another) and retried. */
    @Override
    public void notProcessed(List<StoredEvent> events) {
        lastProgress = System.nanoTime();
        for (StoredEvent event : events) {
            held.remove(laneKey(EntryIds.isPriority(event.sequence()), EntryIds.id(event.sequence())));
        }
    }

    private void acknowledge(String stream, List<String> ids, boolean isPriority) {
        if (ids.isEmpty()) {
            return;
        }
        String[] args = new String[ids.size() + 1];
        args[0] = GROUP;
        for (int i = 0; i < ids.size(); i++) {
            args[i + 1] = ids.get(i);
        }
        link.<Long>eval(ACK, ScriptOutputType.INTEGER, new String[] {stream}, args).whenComplete((n, e) -> {
            // Not acknowledged: the entry stays pending, and is processed again after a reclaim (its
            // alarm's dedup key keeps that from making a second alert).
            if (e != null) {
                log.warn("{} processed events not acknowledged (they will be processed again): {}", ids.size(), e.getMessage());
            }
            ids.forEach(id -> held.remove(laneKey(isPriority, id)));
        });
    }

    private static String laneKey(boolean isPriority, String id) {
        return (isPriority ? "p:" : "n:") + id;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Optional<Instant> oldestUnprocessed() {
        return Optional.ofNullable(oldest);
    }

    private void measureBacklog() {
        oldestEntry(priorityStream).thenCombine(oldestEntry(normalStream), (p, n) -> p == null ? n : n == null ? p
                : p.isBefore(n) ? p : n).whenComplete((at, e) -> {
                    if (e == null) {
                        oldest = at;
                    }
                });
        lag(priorityStream).thenCombine(lag(normalStream), Long::sum).whenComplete((n, e) -> {
            if (e == null) {
                unread.set(n);
            }
        });
    }

    /** Processed entries are deleted, so a lane's first entry is its oldest unprocessed one (read or not). */
    private CompletionStage<Instant> oldestEntry(String stream) {
        return link.commands().xrange(stream, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.create(0, 1))
                .thenApply(first -> first.isEmpty() ? null
                        : Instant.ofEpochMilli(Long.parseLong(first.get(0).getId().substring(0, first.get(0).getId().indexOf('-')))));
    }

    /** Entries of a lane no dispatcher has read yet: the group's lag (Redis 7), else the stream's length. */
    private CompletionStage<Long> lag(String stream) {
        return link.commands().xinfoGroups(stream).thenCompose(groups -> {
            for (Object group : groups) {
                if (group instanceof List<?> fields) {
                    Long lag = groupField(fields, "lag");
                    if (GROUP.equals(String.valueOf(field(fields, "name"))) && lag != null) {
                        return CompletableFuture.completedFuture(lag);
                    }
                }
            }
            return link.commands().xlen(stream);
        });
    }

    private static Object field(List<?> fields, String name) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (name.equals(String.valueOf(fields.get(i)))) {
                return fields.get(i + 1);
            }
        }
        return null;
    }

    private static Long groupField(List<?> fields, String name) {
        return field(fields, name) instanceof Long value ? value : null;
    }

    /** Events appended and not yet handed to a dispatcher: unread in Redis (as last measured, every second) plus read ahead here. */
    @Override
    public long backlog() {
        synchronized (this) {
            return unread.get() + priority.size() + normal.size();
        }
    }

    public void close() {
        closed = true;
        acknowledgeWaiting();
        timers.shutdownNow();
        if (reader != null) {
            reader.close();
        }
    }
}
