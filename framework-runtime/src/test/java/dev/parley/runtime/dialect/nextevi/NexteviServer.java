package dev.parley.runtime.dialect.nextevi;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import dev.parley.runtime.testing.Recorder;
import jakarta.enterprise.inject.spi.CDI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the standalone server with the test agents on 127.0.0.1 and a free port, once per test class, with NextEVI
 * credentials (API keys, an HS256 secret, an RS256 key pair made for the run) and whatever settings the class adds.
 * Without speech engines unless asked, so frames are predictable. (The shared {@code TestServer} takes no settings,
 * hence this one.)
 */
final class NexteviServer implements BeforeAllCallback, AfterAllCallback {
    /** Reaches every public agent. */
    static final String API_KEY = "oak_test_key";
    /** Reaches only the private agent {@code vault}. */
    static final String VAULT_KEY = "oak_vault_key";
    /** Reaches only {@code streaming}. */
    static final String STREAMING_ONLY_KEY = "oak_streaming_only";
    static final String HS256_SECRET = "parley-nextevi-test-secret-with-32-bytes-or-more";
    static final KeyPair RSA = rsaKeyPair();
    /** Frames up to this size reach the dialect, so it can answer oversized chunks before closing. */
    static final int MAX_FRAME_BYTES = 256 * 1024;
    /** The dialect's chunk limit in the test servers. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final Map<String, String> settings = new HashMap<>();
    private ParleyServer server;

    /** @param extra settings for this class, over the defaults here */
    NexteviServer(Map<String, String> extra) {
        settings.put("parley.speech", "off");
        settings.put("parley.max-frame-bytes", String.valueOf(MAX_FRAME_BYTES));
        settings.put("parley.nextevi.api-keys", String.join(",", API_KEY, VAULT_KEY + ":vault",
                STREAMING_ONLY_KEY + ":streaming"));
        settings.put("parley.nextevi.jwt.hs256-secret", HS256_SECRET);
        settings.put("parley.nextevi.jwt.rs256-public-key", "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(RSA.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----");
        settings.put("parley.nextevi.settings-timeout", "500");
        settings.put("parley.nextevi.max-chunk-bytes", String.valueOf(MAX_CHUNK_BYTES));
        settings.put("parley.nextevi.connections-per-key-per-minute", "1000");
        settings.putAll(extra);
    }

    NexteviServer() {
        this(Map.of());
    }

    /** With the embedded speech engines (WebRTC VAD, Vosk, flite). */
    static NexteviServer withSpeech() {
        return new NexteviServer(Map.of("parley.speech", "on"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, settings));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    int port() {
        return server.port();
    }

    ParleyServer server() {
        return server;
    }

    Recorder recorder() {
        return CDI.current().select(Recorder.class).get();
    }

    /** A JWT for {@code subject} signed with the test HS256 secret, expiring {@code validFor} from now (negative: expired). */
    static String hs256(String subject, Duration validFor, Map<String, Object> claims) {
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), new MACSigner(HS256_SECRET.getBytes(StandardCharsets.UTF_8)),
                    subject, validFor, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT signed with the test RSA key (RS256). */
    static String rs256(String subject, Duration validFor, Map<String, Object> claims) {
        return sign(new JWSHeader(JWSAlgorithm.RS256), new RSASSASigner(RSA.getPrivate()), subject, validFor, claims);
    }

    private static String sign(JWSHeader header, com.nimbusds.jose.JWSSigner signer, String subject, Duration validFor,
                               Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(Date.from(Instant.now().plus(validFor)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(header, builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
