package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.store.Codec;
import io.onekey.device.event.DeviceEvent;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.device.DeviceState;
import io.onekey.dispatcher.device.DeviceStates;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device states in SQLite, answered from memory. Each change is queued for the next commit,
 * ahead of the mark that its event was processed: after a crash a state is at worst behind by
 * events that are then processed again.
 */
public final class SqliteDeviceStates implements DeviceStates {

    private static final Logger log = LoggerFactory.getLogger(SqliteDeviceStates.class);

    private record Key(Protocol protocol, String id) {
    }

    private final SqliteDatabase db;
    private final ConcurrentMap<Key, DeviceState> states = new ConcurrentHashMap<>();
    /** States changed since the last flush: a device heard ten times between two commits is written once. */
    private final ConcurrentMap<Key, DeviceState> dirty = new ConcurrentHashMap<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    public SqliteDeviceStates(SqliteDatabase db) {
        this.db = db;
        db.readNow(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT protocol, id, body FROM device_state")) {
                while (rows.next()) {
                    states.put(new Key(Protocol.valueOf(rows.getString(1)), rows.getString(2)),
                            Codec.read(rows.getString(3), DeviceState.class));
                }
            }
            return null;
        });
    }

    @Override
    public DeviceState apply(DeviceEvent event) {
        Key key = new Key(event.protocol(), event.deviceId());
        DeviceState state = states.compute(key, (k, old) -> DeviceState.after(old, event));
        dirty.put(key, state);
        // One flush queued at a time; queued before the mark that the event was processed.
        if (flushQueued.compareAndSet(false, true)) {
            db.write(this::flush).onFailure(e -> log.debug("device states not stored: {}", e.getMessage()));
        }
        return state;
    }

    /** On the writer thread: writes the latest state of every device changed since the last flush. */
    private Void flush(java.sql.Connection c) throws java.sql.SQLException {
        flushQueued.set(false);
        PreparedStatement upsert = db.cached(c, "INSERT OR REPLACE INTO device_state (protocol, id, body) VALUES (?, ?, ?)");
        for (Key key : dirty.keySet()) {
            DeviceState state = dirty.remove(key);
            if (state == null) {
                continue;
            }
            upsert.setString(1, key.protocol().name());
            upsert.setString(2, key.id());
            upsert.setString(3, Codec.write(state));
            upsert.executeUpdate();
        }
        return null;
    }

    @Override
    public Optional<DeviceState> get(Protocol protocol, String deviceId) {
        return Optional.ofNullable(states.get(new Key(protocol, deviceId)));
    }
}
