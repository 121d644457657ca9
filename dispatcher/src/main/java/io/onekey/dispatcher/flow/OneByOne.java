package io.onekey.dispatcher.flow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs an action for each item, one after the other: each starts once the future of the one
 * before has completed.
 *
 * <p>Why not {@code chain = chain.compose(...)} in a loop: that builds the whole chain up front,
 * one future per item, and when the first completes, every link whose action completes at once
 * (an in-memory update, or a command refused at once while Redis is unreachable) runs inside the
 * call of the one before. With tens of thousands of items that overflows the stack, and in any
 * case it holds the event loop for the whole run. Here items that complete at once are taken in
 * a loop, and only a pending one makes the walk wait, from a fresh call when it completes.
 */
public final class OneByOne {

    private OneByOne() {
    }

    /**
     * Runs {@code action} for each item in order; stops at the first failure and fails with it.
     * The items are copied first: the caller may change its collection meanwhile.
     */
    public static <T> Future<Void> each(Iterable<T> items, Function<? super T, ? extends Future<?>> action) {
        Promise<Void> done = Promise.promise();
        walk(copyOf(items).iterator(), action, done);
        return done.future();
    }

    /** Runs the steps (each made when its turn comes) in order; stops at the first failure. */
    public static Future<Void> steps(List<Supplier<Future<?>>> steps) {
        return each(steps, Supplier::get);
    }

    /**
     * Runs {@code action} for each item in order, whatever the outcome of the others: a failed item
     * is handed to {@code onFailure} (to log it) and the walk goes on.
     */
    public static <T> Future<Void> eachRegardless(Iterable<T> items, Function<? super T, ? extends Future<?>> action,
                                                  BiConsumer<? super T, Throwable> onFailure) {
        return each(items, item -> {
            Future<?> result;
            try {
                result = action.apply(item);
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            return result.recover(e -> {
                onFailure.accept(item, e);
                return Future.succeededFuture();
            });
        });
    }

    private static <T> List<T> copyOf(Iterable<T> items) {
        if (items instanceof Collection<T> collection) {
            return new ArrayList<>(collection);
        }
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    private static <T> void walk(Iterator<T> items, Function<? super T, ? extends Future<?>> action, Promise<Void> done) {
        while (items.hasNext()) {
            Future<?> result;
            try {
                result = action.apply(items.next());
            } catch (RuntimeException e) {
                done.fail(e);
                return;
            }
            if (!result.isComplete()) {
                result.onComplete(ar -> {
                    if (ar.failed()) {
                        done.fail(ar.cause());
                    } else {
                        walk(items, action, done);
                    }
                });
                return;
            }
            if (result.failed()) {
                done.fail(result.cause());
                return;
            }
        }
        done.complete();
    }
}
