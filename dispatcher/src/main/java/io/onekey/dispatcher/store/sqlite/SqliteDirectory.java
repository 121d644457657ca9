package io.onekey.dispatcher.store.sqlite;

import io.onekey.dispatcher.store.Codec;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory: the directory file is the starting point, and every change made since (through
 * the API, or a device registered by the commissioning switch) is kept in SQLite and laid over
 * it at start; a removal is kept too, so a resident deleted through the API does not come back
 * from the file. Reads are answered from memory; {@link #saved()} completes once the changes
 * made so far are committed.
 */
public final class SqliteDirectory implements Directory {

    private static final Logger log = LoggerFactory.getLogger(SqliteDirectory.class);

    private enum Kind {
        RESIDENT,
        DEVICE,
        PROVIDER
    }

    private final SqliteDatabase db;
    private final Clock clock;
    private final InMemoryDirectory memory;

    public SqliteDirectory(SqliteDatabase db, Clock clock, DirectoryContent file) {
        this.db = db;
        this.clock = clock;
        this.memory = InMemoryDirectory.of(file);
        int[] applied = {0};
        db.readNow(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT kind, key, body FROM directory ORDER BY changed_at")) {
                while (rows.next()) {
                    apply(Kind.valueOf(rows.getString(1)), rows.getString(2), rows.getString(3));
                    applied[0]++;
                }
            }
            return null;
        });
        if (applied[0] > 0) {
            log.info("directory: {} changes made through the API laid over the directory file", applied[0]);
        }
    }

    private void apply(Kind kind, String key, String body) {
        switch (kind) {
            case RESIDENT -> {
                if (body == null) {
                    memory.removeResident(key);
                } else {
                    memory.putResident(Codec.read(body, Resident.class));
                }
            }
            case DEVICE -> {
                String[] parts = key.split(":", 2);
                if (body == null) {
                    memory.removeDevice(Protocol.valueOf(parts[0]), parts[1]);
                } else {
                    memory.putDevice(Codec.read(body, Device.class));
                }
            }
            case PROVIDER -> {
                if (body == null) {
                    memory.removeProvider(key);
                } else {
                    memory.putProvider(Codec.read(body, Provider.class));
                }
            }
            default -> throw new IllegalStateException("unknown directory kind " + kind);
        }
    }

    private void keep(Kind kind, String key, Object value) {
        String body = value == null ? null : Codec.write(value);
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO directory (kind, key, body, changed_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, kind.name());
                s.setString(2, key);
                s.setString(3, body);
                s.setLong(4, now);
                s.executeUpdate();
            }
            return null;
        }).onFailure(e -> log.error("directory: change of {} {} not stored: {}", kind, key, e.getMessage()));
    }

    private static String deviceKey(Protocol protocol, String id) {
        return protocol.name() + ":" + id;
    }

    @Override
    public Future<Void> saved() {
        return db.barrier();
    }

    @Override
    public Optional<Resident> resident(String id) {
        return memory.resident(id);
    }

    @Override
    public Optional<Device> device(Protocol protocol, String id) {
        return memory.device(protocol, id);
    }

    @Override
    public Optional<Provider> provider(String id) {
        return memory.provider(id);
    }

    @Override
    public Collection<Provider> providers() {
        return memory.providers();
    }

    @Override
    public Collection<Device> devices() {
        return memory.devices();
    }

    @Override
    public Collection<Device> devicesOf(String residentId) {
        return memory.devicesOf(residentId);
    }

    @Override
    public Collection<Resident> residents() {
        return memory.residents();
    }

    @Override
    public Device registerUnassigned(Protocol protocol, String id) {
        boolean known = memory.device(protocol, id).isPresent();
        Device device = memory.registerUnassigned(protocol, id);
        if (!known) {
            keep(Kind.DEVICE, deviceKey(protocol, id), device);
        }
        return device;
    }

    @Override
    public void putResident(Resident resident) {
        memory.putResident(resident);
        keep(Kind.RESIDENT, resident.id(), resident);
    }

    @Override
    public void putDevice(Device device) {
        memory.putDevice(device);
        keep(Kind.DEVICE, deviceKey(device.protocol(), device.id()), device);
    }

    @Override
    public void putProvider(Provider provider) {
        memory.putProvider(provider);
        keep(Kind.PROVIDER, provider.id(), provider);
    }

    @Override
    public boolean removeResident(String id) {
        boolean removed = memory.removeResident(id);
        if (removed) {
            keep(Kind.RESIDENT, id, null);
        }
        return removed;
    }

    @Override
    public boolean removeDevice(Protocol protocol, String id) {
        boolean removed = memory.removeDevice(protocol, id);
        if (removed) {
            keep(Kind.DEVICE, deviceKey(protocol, id), null);
        }
        return removed;
    }

    @Override
    public boolean removeProvider(String id) {
        boolean removed = memory.removeProvider(id);
        if (removed) {
            keep(Kind.PROVIDER, id, null);
        }
        return removed;
    }

    @Override
    public void listen(DeviceListener listener) {
        memory.listen(listener);
    }
}
