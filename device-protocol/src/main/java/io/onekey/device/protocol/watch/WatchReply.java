package io.onekey.device.protocol.watch;

import java.util.Objects;
import java.util.Optional;

/** An answer to a device, written as {@code [maker*deviceId*(index*)length*content]}. */
public record WatchReply(String maker, String deviceId, Optional<String> index, String content) {

    public WatchReply {
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(content, "content");
    }

    /** The answer to a message, in the same form (with or without index) the device used. */
    public static WatchReply to(WatchMessage message, String content) {
        return new WatchReply(message.maker(), message.deviceId(), message.index(), content);
    }
}
