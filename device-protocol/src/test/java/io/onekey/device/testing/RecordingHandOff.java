package io.onekey.device.testing;

import io.onekey.device.event.DeviceEvent;
import io.onekey.device.session.EventHandOff;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-off that stores events in a list, or refuses them all when told to. */
public final class RecordingHandOff implements EventHandOff {

    private final List<DeviceEvent> stored = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    @Override
    public CompletionStage<Void> handOff(List<DeviceEvent> events) {
        if (refusing) {
            return CompletableFuture.failedFuture(new IllegalStateException("store unavailable"));
        }
        stored.addAll(events);
        return CompletableFuture.completedFuture(null);
    }

    public List<DeviceEvent> stored() {
        return List.copyOf(stored);
    }

    public void refuse() {
        refusing = true;
    }
}
