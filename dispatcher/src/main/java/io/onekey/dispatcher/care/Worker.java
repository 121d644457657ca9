package io.onekey.dispatcher.care;

/** A named member of a provider organisation's staff, who goes to the resident. */
public record Worker(String id, String name) {

    public Worker {
        if (id == null || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("worker.id must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("worker.name is required");
        }
    }
}
