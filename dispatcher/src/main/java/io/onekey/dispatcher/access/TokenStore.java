package io.onekey.dispatcher.access;



import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer tokens, kept only as SHA-256 hashes. A token is 256 random bits, so a plain hash is
 * enough (slow password hashes exist for guessable secrets); the token itself is shown once,
 * when created, and never stored or logged.
 */
public final class TokenStore {

    private static final String PREFIX = "ok_";

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Principal> byHash = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** A freshly created token: the secret to hand over once, and whom it stands for. */
    public record IssuedToken(String token, Principal principal) {
    }

    public IssuedToken create(Role role, String subject) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedToken(token, register(token, role, subject));
    }

    /** Registers a token chosen elsewhere (the bootstrap admin token from the environment). */
    public Principal register(String token, Role role, String subject) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("a token must be at least 16 characters");
        }
        Principal principal = new Principal("T" + ids.incrementAndGet(), role, subject);
        byHash.put(hash(token), principal);
        return principal;
    }

    public Optional<Principal> authenticate(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(byHash.get(hash(token)));
    }

    public boolean revoke(String tokenId) {
        return byHash.values().removeIf(p -> p.tokenId().equals(tokenId));
    }

    /** Revokes every token of a subject with that role (a provider removed from the directory). */
    public int revokeAll(Role role, String subject) {
        int before = byHash.size();
        byHash.values().removeIf(p -> p.role() == role && p.subject().equals(subject));
        return before - byHash.size();
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
