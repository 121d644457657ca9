package io.onekey.dispatcher.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OneByOneTest {

    private static final int A_CITY = 200_000;

    @Test
    void aCityOfItemsThatCompleteAtOnceRunsInOrderWithoutDeepCalls() {
        List<Integer> items = IntStream.range(0, A_CITY).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        Future<Void> all = OneByOne.each(items, i -> {
            seen.add(i);
            return Future.succeededFuture();
        });
        assertTrue(all.succeeded());
        assertEquals(items, seen);
    }

    /** The case that overflowed the stack: a slow first item, then a city of items that fail at once (Redis unreachable). */
    @Test
    void itemsQueuedBehindASlowOneThatThenFailAtOnceAreWalkedWithoutOverflow() {
        Promise<Void> slow = Promise.promise();
        AtomicInteger failures = new AtomicInteger();
        List<Integer> items = IntStream.range(0, A_CITY).boxed().toList();
        Future<Void> all = OneByOne.eachRegardless(items,
                i -> i == 0 ? slow.future() : Future.failedFuture(new IllegalStateException("Redis unreachable")),
                (i, e) -> failures.incrementAndGet());
        assertFalse(all.isComplete(), "waits for the slow first item");
        slow.complete();
        assertTrue(all.succeeded());
        assertEquals(A_CITY - 1, failures.get());
    }

    @Test
    void eachStopsAtTheFirstFailureAndFailsWithIt() {
        IllegalStateException refused = new IllegalStateException("refused");
        List<Integer> ran = new ArrayList<>();
        Future<Void> all = OneByOne.each(List.of(1, 2, 3, 4), i -> {
            ran.add(i);
            return i == 2 ? Future.failedFuture(refused) : Future.succeededFuture();
        });
        assertTrue(all.failed());
        assertSame(refused, all.cause());
        assertEquals(List.of(1, 2), ran);
    }

    @Test
    void anActionThatThrowsCountsAsItsFailure() {
        AtomicInteger failures = new AtomicInteger();
        Future<Void> all = OneByOne.eachRegardless(List.of(1, 2, 3), i -> {
            if (i == 2) {
                throw new IllegalArgumentException("bad item");
            }
            return Future.succeededFuture();
        }, (i, e) -> failures.incrementAndGet());
        assertTrue(all.succeeded());
        assertEquals(1, failures.get());
    }

    @Test
    void asynchronousItemsRunOneAtATimeInOrder() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Integer> items = IntStream.range(0, 50).boxed().toList();
            Promise<Void> walked = Promise.promise();
            vertx.runOnContext(v -> OneByOne.each(items, i -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Promise<Void> later = Promise.promise();
                        vertx.setTimer(1, t -> {
                            seen.add(i);
                            running.decrementAndGet();
                            later.complete();
                        });
                        return later.future();
                    }).onComplete(walked));
            walked.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(items, seen);
            assertEquals(1, mostAtOnce.get());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theItemsAreCopiedSoTheCallerMayChangeItsCollection() {
        List<Integer> items = new ArrayList<>(List.of(1, 2, 3));
        Promise<Void> slow = Promise.promise();
        List<Integer> seen = new ArrayList<>();
        Future<Void> all = OneByOne.each(items, i -> {
            seen.add(i);
            return i == 1 ? slow.future() : Future.succeededFuture();
        });
        items.clear();
        slow.complete();
        assertTrue(all.succeeded());
        assertEquals(List.of(1, 2, 3), seen);
    }
}
