package io.onekey.device.fuzz;

import java.util.Optional;

/** Bytes to send, and for a valid frame the dedup key of the event it must produce. */
record FuzzItem(byte[] bytes, Optional<String> expectedKey) {

    static FuzzItem valid(byte[] bytes, String key) {
        return new FuzzItem(bytes, Optional.of(key));
    }

    static FuzzItem garbage(byte[] bytes) {
        return new FuzzItem(bytes, Optional.empty());
    }

    @Override
    public String toString() {
        return (expectedKey.isPresent() ? "valid " : "garbage ") + bytes.length + " bytes";
    }
}
