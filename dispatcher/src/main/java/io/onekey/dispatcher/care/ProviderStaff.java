package io.onekey.dispatcher.care;

import java.util.List;
import java.util.Optional;

/** The workers of one provider organisation: the organisation is offered a job, one of them does it. */
public record ProviderStaff(String providerId, List<Worker> workers) {

    public ProviderStaff {
        workers = workers == null ? List.of() : List.copyOf(workers);
        if (workers.stream().map(Worker::id).distinct().count() != workers.size()) {
            throw new IllegalArgumentException("staff.workers has the same worker id twice");
        }
    }

    public Optional<Worker> worker(String id) {
        return workers.stream().filter(w -> w.id().equals(id)).findFirst();
    }
}
