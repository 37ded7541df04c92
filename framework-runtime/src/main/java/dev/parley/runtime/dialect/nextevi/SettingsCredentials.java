package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials from settings:
 * <ul>
 *   <li>{@code parley.nextevi.api-keys}: comma-separated {@code oak_} keys; {@code oak_key:agent1|agent2} limits a key
 *       to those agents (and lets it reach them if they are private)</li>
 *   <li>{@code parley.nextevi.jwt.hs256-secret}: the HS256 secret, at least 32 bytes of UTF-8</li>
 *   <li>{@code parley.nextevi.jwt.rs256-public-key}: the RS256 public key, PEM ({@code \n} may be written as the
 *       two characters {@code \} and {@code n}, for environment variables)</li>
 * </ul>
 * Mistakes fail when the first NextEVI connection arrives, with the setting's name.
 */
final class SettingsCredentials implements NexteviCredentials {
    static final String API_KEYS = "parley.nextevi.api-keys";
    static final String HS256_SECRET = "parley.nextevi.jwt.hs256-secret";
    static final String RS256_PUBLIC_KEY = "parley.nextevi.jwt.rs256-public-key";
    static final String KEY_PREFIX = "oak_";

    private record ApiKey(byte[] key, NexteviGrant grant) {
    }

    private final List<ApiKey> apiKeys;
    private final List<Key> jwtKeys;

    private SettingsCredentials(List<ApiKey> apiKeys, List<Key> jwtKeys) {
        this.apiKeys = List.copyOf(apiKeys);
        this.jwtKeys = List.copyOf(jwtKeys);
    }

    static SettingsCredentials from(Settings settings) {
        List<Key> jwtKeys = new ArrayList<>();
        settings.get(HS256_SECRET).map(SettingsCredentials::hs256).ifPresent(jwtKeys::add);
        settings.get(RS256_PUBLIC_KEY).map(SettingsCredentials::rs256).ifPresent(jwtKeys::add);
        return new SettingsCredentials(settings.get(API_KEYS).map(SettingsCredentials::apiKeys).orElse(List.of()), jwtKeys);
    }

    @Override
    public Optional<NexteviGrant> apiKey(String apiKey) {
        byte[] offered = apiKey.getBytes(StandardCharsets.UTF_8);
        NexteviGrant found = null;
        for (ApiKey known : apiKeys) {
            // constant time per key, and every key compared, so timing tells nothing about which matched
            if (MessageDigest.isEqual(known.key(), offered)) {
                found = known.grant();
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public List<Key> jwtKeys() {
        return jwtKeys;
    }

    @Override
    public boolean required() {
        return !apiKeys.isEmpty() || !jwtKeys.isEmpty();
    }

    private static List<ApiKey> apiKeys(String setting) {
        List<ApiKey> keys = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String key = colon < 0 ? trimmed : trimmed.substring(0, colon);
            if (!key.startsWith(KEY_PREFIX) || key.length() == KEY_PREFIX.length()) {
                throw new IllegalArgumentException("Setting " + API_KEYS + ": NextEVI API keys start with " + KEY_PREFIX
                        + " (entry " + (keys.size() + 1) + " does not)");
            }
            Set<String> agents = colon < 0 ? Set.of() : Set.copyOf(Arrays.stream(trimmed.substring(colon + 1).split("\\|"))
                    .map(String::strip).filter(agent -> !agent.isEmpty()).toList());
            keys.add(new ApiKey(key.getBytes(StandardCharsets.UTF_8), new NexteviGrant(key, agents)));
        }
        return keys;
    }

    private static Key hs256(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("Setting " + HS256_SECRET + " must have at least 32 bytes (HS256 needs 256 bits); "
                    + "it has " + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static Key rs256(String pem) {
        String base64 = pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Setting " + RS256_PUBLIC_KEY + " is not an RSA public key in PEM "
                    + "(-----BEGIN PUBLIC KEY-----): " + e.getMessage(), e);
        }
    }
}
