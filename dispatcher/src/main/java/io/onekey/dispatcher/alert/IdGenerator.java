package io.onekey.dispatcher.alert;

import java.util.concurrent.atomic.AtomicLong;

/** Short, readable, increasing ids (an operator reads them out on the phone). */
public final class IdGenerator {

    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    public IdGenerator(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + next.incrementAndGet();
    }
}
