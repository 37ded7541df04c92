package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.auth.ApiKeyList;
import dev.parley.runtime.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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

    private final ApiKeyList apiKeys;
    private final List<Key> jwtKeys;

    private SettingsCredentials(ApiKeyList apiKeys, List<Key> jwtKeys) {
        this.apiKeys = apiKeys;
        this.jwtKeys = List.copyOf(jwtKeys);
    }

    static SettingsCredentials from(Settings settings) {
        List<Key> jwtKeys = new ArrayList<>();
        settings.get(HS256_SECRET).map(SettingsCredentials::hs256).ifPresent(jwtKeys::add);
        settings.get(RS256_PUBLIC_KEY).map(SettingsCredentials::rs256).ifPresent(jwtKeys::add);
        return new SettingsCredentials(settings.get(API_KEYS)
                .map(value -> ApiKeyList.parse(API_KEYS, value,
                        key -> key.startsWith(KEY_PREFIX) && key.length() > KEY_PREFIX.length(),
                        "NextEVI API keys start with " + KEY_PREFIX))
                .orElse(ApiKeyList.empty()), jwtKeys);
    }

    @Override
    public Optional<NexteviGrant> apiKey(String apiKey) {
        return apiKeys.find(apiKey).map(entry -> new NexteviGrant(entry.key(), entry.agents()));
    }

    @Override
    public List<Key> jwtKeys() {
        return jwtKeys;
    }

    @Override
    public boolean required() {
        return !apiKeys.isEmpty() || !jwtKeys.isEmpty();
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
