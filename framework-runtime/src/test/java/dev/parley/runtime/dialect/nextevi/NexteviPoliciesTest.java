package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.dialect.ConcurrentSessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limit policies on their own, with explicit times. */
class NexteviPoliciesTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketLetsABurstThroughThenRefillsEvenly() {
        TokenBucket bucket = new TokenBucket(100, Duration.ofSeconds(1), 0);
        for (int i = 0; i < 100; i++) {
            assertTrue(bucket.tryTake(0), "message " + i);
        }
        assertFalse(bucket.tryTake(0), "the 101st in the same instant");
        assertFalse(bucket.tryTake(SECOND / 200), "5 ms later half a token has come back");
        assertTrue(bucket.tryTake(11 * SECOND / 1000), "11 ms later one has");
        assertFalse(bucket.tryTake(11 * SECOND / 1000));
        assertFalse(bucket.isFull(SECOND));
        assertTrue(bucket.isFull(2 * SECOND));
    }

    @Test
    void aBucketNeverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, Duration.ofSeconds(1), 0);
        int taken = 0;
        while (bucket.tryTake(3_600 * SECOND)) {
            taken++;
        }
        assertEquals(2, taken);
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        KeyedRateLimit limit = new KeyedRateLimit(2, Duration.ofMinutes(1));
        assertTrue(limit.tryAcquire("a", 0));
        assertTrue(limit.tryAcquire("a", 0));
        assertFalse(limit.tryAcquire("a", 0));
        assertTrue(limit.tryAcquire("b", 0), "another key is not affected");
        assertTrue(limit.tryAcquire("a", 31 * SECOND), "half a minute refills one of two");
        assertFalse(limit.tryAcquire("a", 31 * SECOND));
    }

    @Test
    void idleKeysAreForgottenOnceThereAreMany() {
        KeyedRateLimit limit = new KeyedRateLimit(5, Duration.ofMinutes(1));
        for (int i = 0; i <= KeyedRateLimit.FORGET_IDLE_ABOVE; i++) {
            limit.tryAcquire("address-" + i, 0);
        }
        assertEquals(KeyedRateLimit.FORGET_IDLE_ABOVE + 1, limit.size());
        limit.tryAcquire("busy", 0);
        assertEquals(KeyedRateLimit.FORGET_IDLE_ABOVE + 2, limit.size(), "nothing is idle for a minute yet");
        limit.tryAcquire("later", 61 * SECOND);
        assertEquals(1, limit.size(), "only the new key is left after a minute");
    }

    @Test
    void concurrentSessionsAreCappedPerKeyAndSlotsComeBackOnce() {
        ConcurrentSessions sessions = new ConcurrentSessions(2);
        var first = sessions.tryOpen("k").orElseThrow();
        var second = sessions.tryOpen("k").orElseThrow();
        assertTrue(sessions.tryOpen("k").isEmpty());
        assertTrue(sessions.tryOpen("other").isPresent());
        first.close();
        first.close();
        assertEquals(1, sessions.openFor("k"), "closing twice gives back one slot");
        var third = sessions.tryOpen("k").orElseThrow();
        assertTrue(sessions.tryOpen("k").isEmpty());
        second.close();
        third.close();
        assertEquals(0, sessions.openFor("k"));
    }

    @Test
    void limitsDefaultToThePublishedOnes() {
        NexteviLimits limits = NexteviLimits.from(new Settings(key -> null, Map.of()));
        assertEquals(new NexteviLimits(1_000_000, 100, Duration.ofMinutes(60), 10, 100, 50), limits);
    }

    @Test
    void limitsAreSettings() {
        Map<String, String> values = Map.of("parley.nextevi.max-chunk-bytes", "2048",
                "parley.nextevi.max-messages-per-second", "5", "parley.nextevi.max-session-duration", "PT2M",
                "parley.nextevi.max-sessions-per-key", "3", "parley.nextevi.connections-per-key-per-minute", "7",
                "parley.nextevi.connections-per-ip-per-minute", "9");
        assertEquals(new NexteviLimits(2048, 5, Duration.ofMinutes(2), 3, 7, 9),
                NexteviLimits.from(new Settings(values::get, Map.of())));
        assertThrows(IllegalArgumentException.class, () -> new ConcurrentSessions(0));
        assertThrows(IllegalArgumentException.class, () -> new KeyedRateLimit(0, Duration.ofMinutes(1)));
    }
}
