package io.onekey.dispatcher.error;

/**
 * An error the caller must hear about, with the HTTP status it maps to. Thrown by the core
 * (an illegal transition is a 409) and by the API alike; {@code Problems} turns it into a
 * JSON problem body in one place.
 */
public class DispatchException extends RuntimeException {

    private final int status;
    private final String title;

    public DispatchException(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static DispatchException badRequest(String detail) {
        return new DispatchException(400, "Bad request", detail);
    }

    public static DispatchException unauthorized() {
        return new DispatchException(401, "Unauthorized", "a valid bearer token is required");
    }

    public static DispatchException forbidden(String detail) {
        return new DispatchException(403, "Forbidden", detail);
    }

    public static DispatchException notFound(String detail) {
        return new DispatchException(404, "Not found", detail);
    }

    public static DispatchException conflict(String detail) {
        return new DispatchException(409, "Conflict", detail);
    }
}
