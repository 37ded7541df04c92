package dev.parley.runtime.dialect.xuna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private static final long MS = 1_000_000;
    private final Heartbeat heartbeat = new Heartbeat(Duration.ofMillis(1000), 0);

    @Test
    void pingsCountUpAndTheRoundTripOfTheLastAnsweredOneIsKept() {
        assertEquals(1, heartbeat.nextPing(0));
        assertNull(heartbeat.lastRoundTripMillis());
        heartbeat.pong(1, 40 * MS);
        assertEquals(40L, heartbeat.lastRoundTripMillis());
        assertEquals(2, heartbeat.nextPing(100 * MS));
    }

    @Test
    void aSessionWithoutPongsForTheTimeoutIsDead() {
        heartbeat.nextPing(0);
        assertFalse(heartbeat.isDead(1000 * MS));
        assertTrue(heartbeat.isDead(1001 * MS));
    }

    @Test
    void pongsForPingsNeverSentDoNotKeepTheSessionAlive() {
        heartbeat.nextPing(0);
        heartbeat.pong(99, 900 * MS);
        heartbeat.pong(0, 900 * MS);
        assertTrue(heartbeat.isDead(1001 * MS));
        heartbeat.pong(1, 1000 * MS);
        assertFalse(heartbeat.isDead(1001 * MS));
    }
}
