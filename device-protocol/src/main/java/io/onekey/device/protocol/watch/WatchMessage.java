package io.onekey.device.protocol.watch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded watch-protocol frame: {@code [maker*deviceId*(index*)length*keyword,field,...]}.
 *
 * @param maker          two-character maker code (SG, 3G, CS, ZJ...), echoed in answers
 * @param index          the frame's index, for the indexed form; answers echo it
 * @param declaredLength the length field as sent (hex), which is informational only
 * @param keyword        the raw content keyword ({@code LK}, {@code UD2}, ...)
 * @param fields         the comma-separated fields after the keyword
 */
public record WatchMessage(
        String maker,
        String deviceId,
        Optional<String> index,
        int declaredLength,
        String keyword,
        List<String> fields) {

    public WatchMessage {
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(keyword, "keyword");
        fields = List.copyOf(fields);
    }

    public WatchCommand command() {
        return WatchCommand.of(keyword);
    }

    public String field(int i) {
        return i < fields.size() ? fields.get(i) : "";
    }
}
