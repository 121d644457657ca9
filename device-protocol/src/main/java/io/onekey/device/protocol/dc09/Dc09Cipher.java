package io.onekey.device.protocol.dc09;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC with an all-zero IV, as DC-09 prescribes; the ciphertext travels as upper-case hex.
 * Padding is the sender's business: the plaintext starts with pad characters and a {@code |},
 * and we find the separator rather than assume one pad style.
 */
public final class Dc09Cipher {

    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);
    private static final String PAD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Dc09Cipher() {
    }

    /** The plaintext, or empty when the hex is malformed or not whole AES blocks. */
    public static Optional<String> decrypt(String hex, byte[] key) {
        if (hex.isEmpty() || hex.length() % 32 != 0) {
            return Optional.empty();
        }
        try {
            byte[] cipherText = HexFormat.of().parseHex(hex);
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), ZERO_IV);
            return Optional.of(new String(aes.doFinal(cipherText), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Prepends random pad characters to whole blocks, encrypts, and returns upper-case hex. */
    public static String encryptPadded(String text, byte[] key) {
        int length = text.length();
        int padLength = (16 - length % 16) % 16;
        StringBuilder plain = new StringBuilder(length + padLength);
        for (int i = 0; i < padLength; i++) {
            plain.append(PAD_CHARS.charAt(RANDOM.nextInt(PAD_CHARS.length())));
        }
        plain.append(text);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), ZERO_IV);
            return HexFormat.of().withUpperCase().formatHex(aes.doFinal(plain.toString().getBytes(StandardCharsets.ISO_8859_1)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding is required by every Java platform", e);
        }
    }
}
