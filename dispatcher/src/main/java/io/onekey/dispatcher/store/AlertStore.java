package io.onekey.dispatcher.store;

import io.onekey.dispatcher.alert.Alert;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Alerts, open and recent. */
public interface AlertStore {

    Future<Void> save(Alert alert);

    Future<Optional<Alert>> get(String id);

    /** Open alerts first, by priority then age; then closed ones, newest first. */
    Future<List<Alert>> list(AlertQuery query);

    /** The open alert of a resident (or of an unassigned device, by its key), if any. */
    Future<Optional<Alert>> openFor(String subjectKey);

    /** How many alerts are open. */
    long openCount();
}
