package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.api.spi.Handshake;
import dev.parley.runtime.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Credentials from settings, JWT verification and where clients put their credential, without a server. */
class NexteviCredentialsTest {
    private static final String PEM = "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(NexteviServer.RSA.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";

    private final JwtVerifier verifier = new JwtVerifier();
    private final NexteviCredentials credentials = credentials(Map.of(
            SettingsCredentials.API_KEYS, "oak_one, oak_two:support|sales ,",
            SettingsCredentials.HS256_SECRET, NexteviServer.HS256_SECRET,
            SettingsCredentials.RS256_PUBLIC_KEY, PEM.replace("\n", "\\n")));

    private static NexteviCredentials credentials(Map<String, String> values) {
        return NexteviCredentials.fromSettings(new Settings(values::get, Map.of()));
    }

    private static Handshake handshake(Map<String, String> query, Map<String, String> headers) {
        Map<String, List<String>> queryLists = new java.util.HashMap<>();
        query.forEach((name, value) -> queryLists.put(name, List.of(value)));
        Map<String, List<String>> headerLists = new java.util.HashMap<>();
        headers.forEach((name, value) -> headerLists.put(name, List.of(value)));
        return new Handshake("/ws/voice/c1", Map.of("connectionId", "c1"), queryLists, headerLists, "", "");
    }

    @Test
    void apiKeysFromSettingsWithOptionalAgentLists() {
        assertEquals(Optional.of(new NexteviGrant("oak_one", Set.of())), credentials.apiKey("oak_one"));
        assertEquals(Optional.of(new NexteviGrant("oak_two", Set.of("support", "sales"))), credentials.apiKey("oak_two"));
        assertEquals(Optional.empty(), credentials.apiKey("oak_three"));
        assertEquals(Optional.empty(), credentials.apiKey("oak_on"));
        assertEquals(2, credentials.jwtKeys().size(), "an HS256 secret and an RS256 key (PEM with escaped newlines)");
        assertTrue(credentials.required());
    }

    @Test
    void nothingConfiguredMeansNoAuthentication() {
        NexteviCredentials none = credentials(Map.of());
        assertFalse(none.required());
        assertEquals(List.<Key>of(), none.jwtKeys());
    }

    @Test
    void settingMistakesNameTheSetting() {
        var notOak = assertThrows(IllegalArgumentException.class,
                () -> credentials(Map.of(SettingsCredentials.API_KEYS, "oak_fine,sk_live_123")));
        assertEquals("Setting parley.nextevi.api-keys: NextEVI API keys start with oak_ (entry 2 does not)", notOak.getMessage());
        var shortSecret = assertThrows(IllegalArgumentException.class,
                () -> credentials(Map.of(SettingsCredentials.HS256_SECRET, "too short")));
        assertTrue(shortSecret.getMessage().startsWith("Setting parley.nextevi.jwt.hs256-secret must have at least 32 bytes"),
                shortSecret::getMessage);
        var badPem = assertThrows(IllegalArgumentException.class,
                () -> credentials(Map.of(SettingsCredentials.RS256_PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\nAAAA\n")));
        assertTrue(badPem.getMessage().startsWith("Setting parley.nextevi.jwt.rs256-public-key is not an RSA public key"),
                badPem::getMessage);
    }

    @Test
    void jwtsOfBothAlgorithmsBecomeGrants() throws Refusal {
        assertEquals(new NexteviGrant("jwt:ada", Set.of()),
                verifier.verify(NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of()), credentials.jwtKeys()));
        assertEquals(new NexteviGrant("jwt:bob", Set.of("support")), verifier.verify(
                NexteviServer.rs256("bob", Duration.ofMinutes(5), Map.of("config_id", "support")), credentials.jwtKeys()));
        assertEquals(new NexteviGrant("jwt:cy", Set.of("a", "b")), verifier.verify(
                NexteviServer.hs256("cy", Duration.ofMinutes(5), Map.of("config_ids", List.of("a", "b"))), credentials.jwtKeys()));
    }

    @Test
    void badJwtsAreRefusedWith4001AndAReason() {
        assertRefused("JWT expired", NexteviServer.hs256("ada", Duration.ofMinutes(-5), Map.of()));
        String token = NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of());
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertRefused("JWT signature is invalid", tampered);
        assertRefused("Malformed JWT", "not.a.jwt");
        assertRefused("JWT rejected: JWT missing required claims: [sub]", signedHs256(new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()));
        assertRefused("JWT rejected: JWT missing required claims: [exp]", signedHs256(new JWTClaimsSet.Builder()
                .subject("ada").build()));
        assertRefused("JWT claim config_ids must be a list of strings and config_id a string",
                NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of("config_id", 42)));
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("ada")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build()).serialize();
        assertRefused("JWT not accepted: it must be signed with HS256 or RS256 by a key this server has", unsigned);
    }

    @Test
    void aJwtForAnAlgorithmWithoutAKeyIsRefused() {
        NexteviCredentials secretOnly = credentials(Map.of(SettingsCredentials.HS256_SECRET, NexteviServer.HS256_SECRET));
        Refusal refusal = assertThrows(Refusal.class, () -> verifier.verify(
                NexteviServer.rs256("ada", Duration.ofMinutes(5), Map.of()), secretOnly.jwtKeys()));
        assertEquals("JWT not accepted: it must be signed with HS256 or RS256 by a key this server has", refusal.getMessage());
        NexteviCredentials keysOnly = credentials(Map.of(SettingsCredentials.API_KEYS, "oak_one"));
        Refusal noJwts = assertThrows(Refusal.class, () -> verifier.verify(
                NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of()), keysOnly.jwtKeys()));
        assertEquals("JWT authentication is not enabled on this server; use an API key", noJwts.getMessage());
    }

    @Test
    void theClientsCredentialIsFoundWhereverItIs() throws Refusal {
        Authentication authentication = new Authentication();
        String jwt = NexteviServer.hs256("ada", Duration.ofMinutes(5), Map.of());
        assertEquals("jwt:ada", authentication.authenticate(handshake(Map.of("authorization", "Bearer " + jwt), Map.of()),
                credentials).orElseThrow().principal());
        assertEquals("jwt:ada", authentication.authenticate(handshake(Map.of("api_key", "oak_one"),
                Map.of("authorization", "bearer " + jwt)), credentials).orElseThrow().principal(), "the JWT wins");
        assertEquals("oak_one", authentication.authenticate(handshake(Map.of("api_key", "oak_one"), Map.of()), credentials)
                .orElseThrow().principal());
        assertEquals(Optional.empty(), authentication.authenticate(handshake(Map.of(), Map.of()), credentials(Map.of())),
                "no credentials configured, none needed");
        assertRefusal(authentication, Map.of(), Map.of(), "Missing credentials: pass api_key=oak_... or a JWT as "
                + "authorization=Bearer ... (or in the Authorization header)");
        assertRefusal(authentication, Map.of("api_key", "sk_123"), Map.of(), "Invalid API key: NextEVI API keys start with oak_");
        assertRefusal(authentication, Map.of("api_key", "oak_nope"), Map.of(), "Invalid API key");
        assertRefusal(authentication, Map.of(), Map.of("authorization", "Basic YWRhOnB3"), "Authorization must be \"Bearer <JWT>\"");
    }

    @Test
    void theClientAddressComesFromTheProxyHeader() {
        assertEquals("203.0.113.7", Gatekeeper.clientAddress(handshake(Map.of(), Map.of("x-forwarded-for", "203.0.113.7, 10.0.0.1"))));
        assertEquals(Gatekeeper.UNKNOWN_ADDRESS, Gatekeeper.clientAddress(handshake(Map.of(), Map.of())));
    }

    private void assertRefusal(Authentication authentication, Map<String, String> query, Map<String, String> headers,
                               String reason) {
        Refusal refusal = assertThrows(Refusal.class, () -> authentication.authenticate(handshake(query, headers), credentials));
        assertEquals(CloseCodes.UNAUTHORIZED, refusal.closeCode());
        assertEquals(reason, refusal.getMessage());
    }

    private void assertRefused(String reason, String token) {
        Refusal refusal = assertThrows(Refusal.class, () -> verifier.verify(token, credentials.jwtKeys()), reason);
        assertEquals(CloseCodes.UNAUTHORIZED, refusal.closeCode());
        assertEquals(reason, refusal.getMessage());
    }

    private static String signedHs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(NexteviServer.HS256_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
