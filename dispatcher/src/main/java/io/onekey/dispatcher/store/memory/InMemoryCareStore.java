package io.onekey.dispatcher.store.memory;

import io.onekey.dispatcher.store.CareDocuments;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Care records in memory, as the stores keep them (JSON), so the test double decodes like the real ones. */
public final class InMemoryCareStore extends CareDocuments {

    private final Map<Shelf, Map<String, String>> shelves = new ConcurrentHashMap<>();

    private Map<String, String> shelf(Shelf shelf) {
        return shelves.computeIfAbsent(shelf, s -> new ConcurrentHashMap<>());
    }

    @Override
    protected Future<Void> put(Shelf shelf, String id, String json) {
        shelf(shelf).put(id, json);
        return Future.succeededFuture();
    }

    @Override
    protected Future<Void> putAll(Shelf shelf, Map<String, String> jsonById) {
        shelf(shelf).putAll(jsonById);
        return Future.succeededFuture();
    }

    @Override
    protected Future<Optional<String>> get(Shelf shelf, String id) {
        return Future.succeededFuture(Optional.ofNullable(shelf(shelf).get(id)));
    }

    @Override
    protected Future<List<String>> all(Shelf shelf) {
        return Future.succeededFuture(List.copyOf(shelf(shelf).values()));
    }

    @Override
    protected Future<Boolean> swap(Shelf shelf, String id, String expected, String json) {
        Map<String, String> documents = shelf(shelf);
        return Future.succeededFuture(expected == null ? documents.putIfAbsent(id, json) == null
                : documents.replace(id, expected, json));
    }

    @Override
    protected Future<Boolean> remove(Shelf shelf, String id) {
        return Future.succeededFuture(shelf(shelf).remove(id) != null);
    }
}
