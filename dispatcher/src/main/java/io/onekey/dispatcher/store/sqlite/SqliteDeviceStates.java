package io.onekey.dispatcher.store.sqlite;

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
        DeviceState state = states.compute(new Key(event.protocol(), event.deviceId()), (key, old) -> DeviceState.after(old, event));
        String body = Codec.write(state);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO device_state (protocol, id, body) VALUES (?, ?, ?)")) {
                s.setString(1, event.protocol().name());
                s.setString(2, event.deviceId());
                s.setString(3, body);
                s.executeUpdate();
            }
            return null;
        }).onFailure(e -> log.debug("device {}: state not stored: {}", event.deviceId(), e.getMessage()));
        return state;
    }

    @Override
    public Optional<DeviceState> get(Protocol protocol, String deviceId) {
        return Optional.ofNullable(states.get(new Key(protocol, deviceId)));
    }
}
