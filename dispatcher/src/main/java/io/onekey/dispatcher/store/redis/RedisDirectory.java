package io.onekey.dispatcher.store.redis;

import io.lettuce.core.GeoValue;
import io.lettuce.core.ScriptOutputType;
import io.onekey.device.event.Protocol;
import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;
import io.onekey.dispatcher.directory.DirectoryContent;
import io.onekey.dispatcher.directory.Provider;
import io.onekey.dispatcher.directory.Resident;
import io.onekey.dispatcher.directory.ServiceType;
import io.onekey.dispatcher.geo.GeoPoint;
import io.onekey.dispatcher.store.Codec;
import io.onekey.dispatcher.store.memory.InMemoryDirectory;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory shared through Redis. As with the embedded store, the directory file is the
 * starting point and every change made since (through the API, or a device registered by the
 * commissioning switch) is kept and laid over it at start, a removal included, so a resident
 * deleted through the API does not come back from the file. Residents, devices and providers
 * are three hashes of {@code <version>|<JSON>} ({@code <version>|} for a removal); every change
 * takes a new version from one counter and is published to the other nodes by the script that
 * writes it, and each node's mirror keeps the newest version of each entry (see
 * {@link MirrorVersions}). Device listeners hear the other nodes' device changes too, on the
 * thread the change arrives on.
 *
 * <p>Providers' bases are also kept in one GEO set per service type, which
 * {@link RedisProviderPositions} searches; every node rebuilds them at start from the file and
 * the changes, so that the providers only the file holds are found too.
 */
public final class RedisDirectory implements Directory {

    private static final Logger log = LoggerFactory.getLogger(RedisDirectory.class);
    static final String CHANGE = "directory";
    private static final LuaScript PUT = LuaScript.load("put-directory-entry.lua");
    /** GEOADD refuses latitudes nearer the poles than this. */
    private static final double GEO_MAX_LAT = 85.05112878;
    private static final long START_TIMEOUT_SECONDS = 30;

    private enum Kind {
        RESIDENT,
        DEVICE,
        PROVIDER
    }

    private final RedisLink link;
    private final RedisKeys keys;
    private final InMemoryDirectory memory;
    /** Guarded by this directory's lock, with every change to the memory. */
    private final MirrorVersions versions = new MirrorVersions();
    private final RedisProviderPositions positions;
    private final Set<CompletableFuture<?>> writing = ConcurrentHashMap.newKeySet();

    /**
     * Lays the changes kept in Redis over the file and rebuilds the provider positions
     * (blocking: call at start-up), then follows the other nodes' changes.
     */
    public RedisDirectory(RedisLink link, DirectoryContent file) {
        this.link = link;
        this.keys = link.keys();
        this.memory = InMemoryDirectory.of(file);
        this.positions = new RedisProviderPositions(link);
        HeldChanges changes = new HeldChanges(link, CHANGE, this::heard);
        int applied = 0;
        for (Kind kind : Kind.values()) {
            for (Map.Entry<String, String> entry : HashScan.all(link, hashOf(kind)).entrySet()) {
                heard(kind, entry.getKey(), entry.getValue());
                applied++;
            }
        }
        changes.release();
        if (applied > 0) {
            log.info("directory: {} changes kept in Redis laid over the directory file", applied);
        }
        rebuildPositions();
    }

    private String hashOf(Kind kind) {
        return switch (kind) {
            case RESIDENT -> keys.residents();
            case DEVICE -> keys.devices();
            case PROVIDER -> keys.providers();
        };
    }

    private static String deviceField(Protocol protocol, String id) {
        return protocol.name() + ":" + id;
    }

    private static boolean hasGeoPosition(Provider provider) {
        return Math.abs(provider.base().lat()) <= GEO_MAX_LAT;
    }

    /** Ids of the providers of this service based within the radius of a point, nearest first. */
    public Future<List<String>> providersNear(ServiceType type, GeoPoint where, double radiusMeters) {
        return positions.near(type, where, radiusMeters);
    }

    // ---- hearing changes

    /** A change published by another node: {@code KIND\nfield\n<version>|<JSON>}. */
    private void heard(String payload) {
        String[] parts = payload.split("\n", 3);
        if (parts.length == 3) {
            heard(Kind.valueOf(parts[0]), parts[1], parts[2]);
        }
    }

    private void heard(Kind kind, String field, String value) {
        int bar = value.indexOf('|');
        heard(kind, field, Long.parseLong(value.substring(0, bar)), value.substring(bar + 1));
    }

    private synchronized void heard(Kind kind, String field, long version, String body) {
        if (versions.heard(kind + "\n" + field, version, body)) {
            mirror(kind, field, body);
        }
    }

    /** Applies a change to the memory; an entry that is already as told is left alone, so listeners hear only changes. */
    private void mirror(Kind kind, String field, String body) {
        boolean removed = body.isEmpty();
        switch (kind) {
            case RESIDENT -> {
                if (removed) {
                    memory.removeResident(field);
                } else {
                    memory.putResident(Codec.read(body, Resident.class));
                }
            }
            case DEVICE -> {
                int colon = field.indexOf(':');
                Protocol protocol = Protocol.valueOf(field.substring(0, colon));
                String id = field.substring(colon + 1);
                if (removed) {
                    memory.removeDevice(protocol, id);
                } else {
                    Device device = Codec.read(body, Device.class);
                    if (!memory.device(protocol, id).equals(Optional.of(device))) {
                        memory.putDevice(device);
                    }
                }
            }
            case PROVIDER -> {
                if (removed) {
                    memory.removeProvider(field);
                } else {
                    memory.putProvider(Codec.read(body, Provider.class));
                }
            }
            default -> throw new IllegalStateException("unknown directory kind " + kind);
        }
    }

    // ---- writing changes

    /**
     * Writes a change this node has just applied to its memory (under this directory's lock,
     * so that the version bookkeeping starts with it).
     */
    private void keep(Kind kind, String field, Object value, boolean onlyIfAbsent) {
        String key = kind + "\n" + field;
        versions.begin(key);
        List<String> keyList = new ArrayList<>(List.of(hashOf(kind), keys.directoryVersion()));
        List<String> args = new ArrayList<>(List.of(field, value == null ? "" : Codec.write(value), onlyIfAbsent ? "1" : "0",
                keys.changes(), CHANGE + "\n" + link.node() + "\n" + kind + "\n" + field + "\n"));
        if (kind == Kind.PROVIDER) {
            Provider provider = (Provider) value;
            boolean placed = provider != null && hasGeoPosition(provider);
            args.add(placed ? Double.toString(provider.base().lon()) : "0");
            args.add(placed ? Double.toString(provider.base().lat()) : "0");
            for (ServiceType type : ServiceType.values()) {
                keyList.add(keys.providerPositions(type.name()));
                args.add(placed && provider.offers(type) ? "1" : "0");
            }
        }
        CompletableFuture<List<Object>> reply = link.<List<Object>>eval(PUT, ScriptOutputType.MULTI,
                keyList.toArray(String[]::new), args.toArray(String[]::new)).toCompletableFuture();
        writing.add(reply);
        reply.whenComplete((result, e) -> {
            writing.remove(reply);
            written(kind, field, result, e);
        });
    }

    private synchronized void written(Kind kind, String field, List<Object> result, Throwable failure) {
        String key = kind + "\n" + field;
        if (failure != null) {
            log.error("directory: change of {} {} not stored in Redis: {}", kind, field, failure.getMessage());
        }
        long version = failure == null ? Long.parseLong(String.valueOf(result.get(0))) : 0;
        boolean wrote = failure == null && "1".equals(String.valueOf(result.get(1)));
        versions.finish(key, wrote ? version : 0).ifPresent(parked -> mirror(kind, field, parked.body()));
        if (failure == null && !wrote) {
            // Another node registered the entry first: take theirs.
            heard(kind, field, version, String.valueOf(result.get(2)));
        }
    }

    @Override
    public Future<Void> saved() {
        return RedisLink.onCaller(CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)));
    }

    // ---- the directory

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

    /** Written only if no node has the device yet, so a registration never undoes an assignment made elsewhere. */
    @Override
    public synchronized Device registerUnassigned(Protocol protocol, String id) {
        boolean known = memory.device(protocol, id).isPresent();
        Device device = memory.registerUnassigned(protocol, id);
        if (!known) {
            keep(Kind.DEVICE, deviceField(protocol, id), device, true);
        }
        return device;
    }

    @Override
    public synchronized void putResident(Resident resident) {
        memory.putResident(resident);
        keep(Kind.RESIDENT, resident.id(), resident, false);
    }

    @Override
    public synchronized void putDevice(Device device) {
        memory.putDevice(device);
        keep(Kind.DEVICE, deviceField(device.protocol(), device.id()), device, false);
    }

    @Override
    public synchronized void putProvider(Provider provider) {
        memory.putProvider(provider);
        keep(Kind.PROVIDER, provider.id(), provider, false);
    }

    @Override
    public synchronized boolean removeResident(String id) {
        boolean removed = memory.removeResident(id);
        if (removed) {
            keep(Kind.RESIDENT, id, null, false);
        }
        return removed;
    }

    @Override
    public synchronized boolean removeDevice(Protocol protocol, String id) {
        boolean removed = memory.removeDevice(protocol, id);
        if (removed) {
            keep(Kind.DEVICE, deviceField(protocol, id), null, false);
        }
        return removed;
    }

    @Override
    public synchronized boolean removeProvider(String id) {
        boolean removed = memory.removeProvider(id);
        if (removed) {
            keep(Kind.PROVIDER, id, null, false);
        }
        return removed;
    }

    @Override
    public void listen(DeviceListener listener) {
        memory.listen(listener);
    }

    // ---- start-up

    /**
     * Makes each service type's position set hold exactly the providers this node's directory
     * places there: the file's providers are not in Redis until changed through the API.
     */
    private void rebuildPositions() {
        try {
            for (ServiceType type : ServiceType.values()) {
                String key = keys.providerPositions(type.name());
                List<GeoValue<String>> placed = memory.providers().stream()
                        .filter(p -> p.offers(type) && hasGeoPosition(p))
                        .map(p -> GeoValue.just(p.base().lon(), p.base().lat(), p.id()))
                        .toList();
                Set<String> stale = new HashSet<>(link.commands().zrange(key, 0, -1).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                placed.forEach(v -> stale.remove(v.getValue()));
                if (!stale.isEmpty()) {
                    link.commands().zrem(key, stale.toArray(String[]::new)).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
                if (!placed.isEmpty()) {
                    @SuppressWarnings("unchecked")
                    GeoValue<String>[] values = placed.toArray(GeoValue[]::new);
                    link.commands().geoadd(key, values).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while placing the providers in Redis", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot place the providers in Redis: " + e.getMessage(), e);
        }
        long unplaced = memory.providers().stream().filter(p -> !hasGeoPosition(p)).count();
        if (unplaced > 0) {
            log.warn("directory: {} providers based beyond {} degrees of latitude cannot be found by position", unplaced, GEO_MAX_LAT);
        }
    }
}
