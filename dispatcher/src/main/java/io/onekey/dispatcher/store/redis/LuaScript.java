package io.onekey.dispatcher.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script shipped as a resource beside this class, with the SHA-1 digest EVALSHA names it by. */
public record LuaScript(String name, String text, String sha) {

    public static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            return new LuaScript(name, text, sha);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot load script " + name, e);
        }
    }
}
