package dev.parley.runtime.auth;

import dev.parley.runtime.testing.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final AgentTokens tokens = new AgentTokens(SECRET, clock);

    @Test
    void aMintedTokenGrantsItsAgentUntilItExpires() {
        String token = tokens.mint("concierge", Duration.ofMinutes(15));
        assertEquals(Optional.of("concierge"), tokens.verify(token));
        clock.set(clock.instant().plus(Duration.ofMinutes(14)));
        assertEquals(Optional.of("concierge"), tokens.verify(token));
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        assertEquals(Optional.empty(), tokens.verify(token), "expired at exactly 15 minutes");
    }

    @Test
    void tokensAreUniqueEvenForTheSameAgentAndExpiry() {
        assertNotEquals(tokens.mint("concierge", Duration.ofMinutes(1)), tokens.mint("concierge", Duration.ofMinutes(1)));
    }

    @Test
    void anyChangeToATokenInvalidatesIt() {
        String token = tokens.mint("concierge", Duration.ofMinutes(15));
        String[] parts = token.split("\\.");
        String otherAgent = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("vault".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), tokens.verify(otherAgent + "." + parts[1] + "." + parts[2] + "." + parts[3]));
        assertEquals(Optional.empty(), tokens.verify(parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2] + "." + parts[3]));
        assertEquals(Optional.empty(), tokens.verify(token + "x"));
        assertEquals(Optional.empty(), tokens.verify("garbage"));
        assertEquals(Optional.empty(), tokens.verify("a.b.c.d"));
        assertEquals(Optional.empty(), tokens.verify(null));
    }

    @Test
    void anotherSecretDoesNotAcceptTheToken() {
        String token = tokens.mint("concierge", Duration.ofMinutes(15));
        AgentTokens other = new AgentTokens("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), clock);
        assertEquals(Optional.empty(), other.verify(token));
    }

    @Test
    void signedUrlsCarryTheTokenAsAQueryParameter() {
        String url = tokens.signedUrl("wss://example.test/v1/convai/conversation", "concierge", Duration.ofMinutes(5));
        assertTrue(url.startsWith("wss://example.test/v1/convai/conversation?token="), url);
        assertEquals(Optional.of("concierge"), tokens.verify(url.substring(url.indexOf("token=") + 6)));
        assertTrue(tokens.signedUrl("ws://h/p?x=1", "a", Duration.ofMinutes(1)).startsWith("ws://h/p?x=1&token="));
    }

    @Test
    void weakSecretsAndNonPositiveLifetimesAreRefused() {
        var weak = assertThrows(IllegalArgumentException.class, () -> new AgentTokens(new byte[8], clock));
        assertTrue(weak.getMessage().contains("at least 32 bytes"), weak.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("concierge", Duration.ZERO));
    }
}
