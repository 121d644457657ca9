package io.onekey.dispatcher.directory;

import io.onekey.device.event.Protocol;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Residents, their devices and the providers. Reads answer from memory (they run on event
 * loops for every frame and every routing decision); a shared implementation keeps a local
 * copy in step with the shared store.
 */
public interface Directory {

    Optional<Resident> resident(String id);

    Optional<Device> device(Protocol protocol, String id);

    Optional<Provider> provider(String id);

    Collection<Provider> providers();

    Collection<Device> devices();

    /** The devices of one resident, without walking every device (a city has hundreds of thousands). */
    default Collection<Device> devicesOf(String residentId) {
        return devices().stream().filter(d -> residentId.equals(d.residentId())).toList();
    }

    /** The devices with this id, of any protocol (ids are unique per protocol only). */
    default List<Device> devicesWithId(String id) {
        return java.util.Arrays.stream(Protocol.values()).map(p -> device(p, id)).flatMap(Optional::stream).toList();
    }

    Collection<Resident> residents();

    /** Registers an unknown device as unassigned (the commissioning switch); returns it. */
    Device registerUnassigned(Protocol protocol, String id);

    void putResident(Resident resident);

    void putDevice(Device device);

    void putProvider(Provider provider);

    boolean removeResident(String id);

    boolean removeDevice(Protocol protocol, String id);

    boolean removeProvider(String id);

    /** Hears each device put into or removed from the directory, on the thread that changed it. */
    @FunctionalInterface
    interface DeviceListener {
        /** @param present false when the device was removed */
        void deviceChanged(Device device, boolean present);
    }

    void listen(DeviceListener listener);

    /** Completes once every change made so far is durable (at once for a directory kept in memory only). */
    default Future<Void> saved() {
        return Future.succeededFuture();
    }
}
