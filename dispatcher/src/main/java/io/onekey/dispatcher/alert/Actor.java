package io.onekey.dispatcher.alert;

import java.util.Locale;
import java.util.Objects;

/**
 * Who did something to an alert: a person by their role and name, or a provider by its id.
 * The domain's own notion, so that it never depends on how a caller was authenticated.
 * The history names actors as {@code system}, {@code device:X}, {@code operator:alice},
 * {@code provider:P7}.
 */
public record Actor(Kind kind, String id) {

    /** The history's name for the server itself. */
    public static final String SYSTEM = HistoryEntry.SYSTEM;

    public enum Kind {
        PROVIDER,
        OPERATOR,
        SUPERVISOR,
        ADMIN,
        /** A resident's relative, acting for them (a service request, a rating). */
        FAMILY
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Actor operator(String name) {
        return new Actor(Kind.OPERATOR, name);
    }

    public static Actor provider(String providerId) {
        return new Actor(Kind.PROVIDER, providerId);
    }

    /** The history's name for a device. */
    public static String device(String deviceId) {
        return "device:" + deviceId;
    }

    /** How the history names this actor. */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }

    public boolean isProvider(String providerId) {
        return kind == Kind.PROVIDER && id.equals(providerId);
    }
}
