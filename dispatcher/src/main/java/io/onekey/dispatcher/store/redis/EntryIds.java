package io.onekey.dispatcher.store.redis;

/**
 * Stream entry ids ("1764489600000-3") as the log's long sequence numbers, with the lane in
 * the lowest bit: the milliseconds take 42 bits (until the year 2109), the counter within a millisecond 20, so
 * sequences grow with the ids and the id can be recovered from the sequence.
 */
final class EntryIds {

    private static final int COUNTER_BITS = 20;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;

    private EntryIds() {
    }

    static long sequence(String id, boolean priority) {
        int dash = id.indexOf('-');
        long millis = Long.parseLong(id.substring(0, dash));
        long counter = Long.parseLong(id.substring(dash + 1));
        if (counter > COUNTER_MASK) {
            throw new IllegalArgumentException("stream entry counter too large: " + id);
        }
        return (((millis << COUNTER_BITS) | counter) << 1) | (priority ? 1 : 0);
    }

    static boolean isPriority(long sequence) {
        return (sequence & 1) == 1;
    }

    static String id(long sequence) {
        long rest = sequence >>> 1;
        return (rest >>> COUNTER_BITS) + "-" + (rest & COUNTER_MASK);
    }
}
