package io.onekey.dispatcher.access;

import io.onekey.dispatcher.error.DispatchException;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Clock clock;
    /** When each token was last presented, since this server started. */
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    public Tokens(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A token as an admin sees it: never its secret. */
    public record Listed(Principal principal, Instant createdAt, Instant lastUsedAt) {
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
        return store.put(hash, principal, clock.instant()).map(principal);
    }

    public Optional<Principal> authenticate(String token) {
        Optional<Principal> principal = token == null ? Optional.empty() : store.byHash(hash(token));
        principal.ifPresent(p -> lastUsed.put(p.tokenId(), clock.instant()));
        return principal;
    }

    public List<Listed> list() {
        return store.list().stream()
                .map(e -> new Listed(e.principal(), e.createdAt(), lastUsed.get(e.principal().tokenId()))).toList();
    }

    /**
     * Revokes a token. The last admin token is refused: revoking it would lock every admin out
     * (and so everyone) until the server is restarted with a new one.
     */
    public Future<Boolean> revoke(String tokenId) {
        List<Principal> admins = store.list().stream().map(TokenStore.Entry::principal)
                .filter(p -> p.role() == Role.ADMIN).toList();
        if (admins.size() == 1 && admins.get(0).tokenId().equals(tokenId)) {
            return Future.failedFuture(DispatchException.conflict("token " + tokenId
                    + " is the last admin token; create another admin token before revoking it"));
        }
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
