package io.onekey.dispatcher.access;

import io.onekey.dispatcher.alert.Actor;

/**
 * The caller behind a token.
 *
 * @param subject a user name, or for a provider token the provider's id
 */
public record Principal(String tokenId, Role role, String subject) {

    /** The caller as the alert history names it. */
    public Actor actor() {
        return new Actor(Actor.Kind.valueOf(role.name()), subject);
    }
}
