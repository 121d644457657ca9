package io.onekey.dispatcher.alert;

import io.onekey.dispatcher.api.Principal;
import io.onekey.dispatcher.api.Role;
import java.util.Locale;

/** Who did something, as the history names them: {@code system}, {@code operator:alice}, {@code provider:P7}. */
public final class Actor {

    public static final String SYSTEM = HistoryEntry.SYSTEM;

    private Actor() {
    }

    public static String of(Principal principal) {
        return principal.role().name().toLowerCase(Locale.ROOT) + ":" + principal.subject();
    }

    public static String device(String deviceId) {
        return "device:" + deviceId;
    }

    public static boolean isProvider(Principal principal, String providerId) {
        return principal.role() == Role.PROVIDER && principal.subject().equals(providerId);
    }
}
