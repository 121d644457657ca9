package io.onekey.dispatcher.access;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer tokens: made here, kept by a {@link TokenStore} only as SHA-256 hashes. A token is 256
 * random bits, so a plain hash is enough (slow password hashes exist for guessable secrets);
 * the token itself is shown once, when created, and never stored or logged. A token's id is
 * taken from its hash, so ids need no counter and stay the same across restarts.
 */
public final class Tokens {

    private static final String PREFIX = "ok_";

    private final SecureRandom random = new SecureRandom();
    private final TokenStore store;

    public Tokens(TokenStore store) {
        this.store = store;
    }

    /** A freshly created token: the secret to hand over once, and whom it stands for. */
    public record IssuedToken(String token, Principal principal) {
    }

    /** Completes once the token's hash is durable; only then may the token be handed over. */
    public Future<IssuedToken> create(Role role, String subject) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return register(token, role, subject).map(principal -> new IssuedToken(token, principal));
    }

    /** Registers a token chosen elsewhere (the bootstrap admin token from the environment). */
    public Future<Principal> register(String token, Role role, String subject) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("a token must be at least 16 characters");
        }
        String hash = hash(token);
        Principal principal = new Principal("T" + hash.substring(0, 16), role, subject);
        return store.put(hash, principal).map(principal);
    }

    public Optional<Principal> authenticate(String token) {
        return token == null ? Optional.empty() : store.byHash(hash(token));
    }

    public Future<Boolean> revoke(String tokenId) {
        return store.remove(tokenId);
    }

    /** Revokes every token of a subject with that role (a provider removed from the directory). */
    public Future<Integer> revokeAll(Role role, String subject) {
        return store.removeAll(role, subject);
    }

    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
