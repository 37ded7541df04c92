package dev.parley.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and verifies signed, expiring, single-agent tokens, the way a vendor's server mints signed
 * conversation URLs for private agents. A token is {@code base64url(agentId) "." expiry "." nonce "." mac}
 * with an HMAC-SHA256 over the first three parts; verification compares MACs in constant time.
 * Every server that should accept a token must share the secret ({@code parley.tokens.secret}).
 */
public final class AgentTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MINIMUM_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param secret at least 32 bytes of secret key material */
    public AgentTokens(byte[] secret, Clock clock) {
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new IllegalArgumentException("The token secret must have at least " + MINIMUM_SECRET_BYTES
                    + " bytes (set parley.tokens.secret to a long random string); it has " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** Tokens signed with a random secret: valid only within this process. */
    public static AgentTokens withRandomSecret() {
        byte[] secret = new byte[MINIMUM_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new AgentTokens(secret, Clock.systemUTC());
    }

    /** A token that lets its holder start conversations with {@code agentId} for {@code validFor}. */
    public String mint(String agentId, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("validFor must be positive: " + validFor);
        }
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        long expiry = clock.instant().plus(validFor).getEpochSecond();
        String payload = ENCODER.encodeToString(agentId.getBytes(StandardCharsets.UTF_8)) + "." + expiry + "."
                + ENCODER.encodeToString(nonce);
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** A URL with the token as its {@code token} query parameter, e.g. for XUNA's signed conversation URLs. */
    public String signedUrl(String endpoint, String agentId, Duration validFor) {
        return endpoint + (endpoint.contains("?") ? "&" : "?") + "token=" + mint(agentId, validFor);
    }

    /** The agent the token grants, if its signature is right and it has not expired. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || lastDot < 0) {
            return Optional.empty();
        }
        try {
            String payload = token.substring(0, lastDot);
            if (!MessageDigest.isEqual(mac(payload), DECODER.decode(parts[3]))) {
                return Optional.empty();
            }
            if (Long.parseLong(parts[1]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
