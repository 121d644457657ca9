package io.onekey.dispatcher.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code X-OneKey-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>},
 * with the timestamp (Unix seconds) in {@code X-OneKey-Timestamp}. A receiver recomputes the HMAC,
 * compares in constant time, and refuses timestamps more than five minutes old (replays).
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-OneKey-Signature";
    public static final String TIMESTAMP_HEADER = "X-OneKey-Timestamp";
    public static final String DELIVERY_HEADER = "X-OneKey-Delivery";

    private WebhookSigner() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
