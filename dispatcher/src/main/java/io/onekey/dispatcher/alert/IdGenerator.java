package io.onekey.dispatcher.alert;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Short, readable, increasing ids (an operator reads them out on the phone). */
public final class IdGenerator {

    private final String prefix;
    private final LongSupplier numbers;

    public IdGenerator(String prefix) {
        this(prefix, 0);
    }

    /** Continues after {@code last}: a restarted server never hands out an id twice. */
    public IdGenerator(String prefix, long last) {
        this(prefix, new AtomicLong(last)::incrementAndGet);
    }

    /** Takes its numbers from a source shared by several processes (each number handed out once). */
    public IdGenerator(String prefix, LongSupplier numbers) {
        this.prefix = prefix;
        this.numbers = numbers;
    }

    /** The number in an id of this kind ("A17" → 17), or 0 when it is not one. */
    public static long numberOf(String id, String prefix) {
        if (id == null || !id.startsWith(prefix)) {
            return 0;
        }
        try {
            return Long.parseLong(id.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String next() {
        return prefix + numbers.getAsLong();
    }
}
