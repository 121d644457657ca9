package io.onekey.dispatcher.api;

/**
 * The caller behind a token.
 *
 * @param subject a user name, or for a provider token the provider's id
 */
public record Principal(String tokenId, Role role, String subject) {
}
