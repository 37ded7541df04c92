package dev.parley.runtime.dialect.xuna;

import java.time.Duration;

/**
 * XUNA's server-driven heartbeat: pings with increasing event ids, the round trip of the last answered one
 * as {@code ping_ms}, and a verdict of "dead" when no pong came for the timeout.
 */
final class Heartbeat {
    private final long timeoutNanos;
    private long nextEventId;
    private long lastPingId = -1;
    private long lastPingSentAt;
    private long lastPongAt;
    private Long lastRoundTripMillis;

    Heartbeat(Duration pongTimeout, long now) {
        this.timeoutNanos = pongTimeout.toNanos();
        this.lastPongAt = now;
    }

    /** The id of the next ping, recorded as sent at {@code now}. */
    synchronized long nextPing(long now) {
        lastPingId = ++nextEventId;
        lastPingSentAt = now;
        return lastPingId;
    }

    synchronized Long lastRoundTripMillis() {
        return lastRoundTripMillis;
    }

    /** A pong counts only for a ping that was sent, so a client cannot keep a dead session alive with made-up ids. */
    synchronized void pong(long eventId, long now) {
        if (eventId < 1 || eventId > lastPingId) {
            return;
        }
        lastPongAt = now;
        if (eventId == lastPingId) {
            lastRoundTripMillis = Duration.ofNanos(now - lastPingSentAt).toMillis();
        }
    }

    synchronized boolean isDead(long now) {
        return now - lastPongAt > timeoutNanos;
    }
}
