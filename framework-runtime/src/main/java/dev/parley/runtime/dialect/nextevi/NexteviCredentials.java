package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.config.Settings;
import java.security.Key;
import java.util.List;
import java.util.Optional;

/**
 * Where the NextEVI dialect gets its API keys and JWT keys. The default reads settings
 * ({@code parley.nextevi.api-keys}, {@code parley.nextevi.jwt.hs256-secret}, {@code parley.nextevi.jwt.rs256-public-key});
 * an application replaces it with a CDI bean implementing this interface (to look keys up in its own store, say).
 * Implementations are thread-safe; they are asked on every connection, so they may change their answers.
 */
public interface NexteviCredentials {

    /** What an {@code oak_} API key grants, or empty when it is not a valid key. */
    Optional<NexteviGrant> apiKey(String apiKey);

    /**
     * Keys JWTs may be signed with: {@link javax.crypto.SecretKey}s for HS256 (at least 256 bits) and
     * {@link java.security.interfaces.RSAPublicKey}s for RS256. Empty: JWTs are refused.
     */
    List<Key> jwtKeys();

    /**
     * Whether clients must authenticate. When false, every connection is let in without credentials (and any it
     * sends are ignored), reaching public agents only.
     */
    default boolean required() {
        return true;
    }

    /** The default: keys and secrets from settings; required as soon as any is set. */
    static NexteviCredentials fromSettings(Settings settings) {
        return SettingsCredentials.from(settings);
    }
}
