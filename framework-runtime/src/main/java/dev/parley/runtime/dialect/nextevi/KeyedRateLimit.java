package dev.parley.runtime.dialect.nextevi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rate limit per key (an API key, a client address): a {@link TokenBucket} each. Keys may come from clients,
 * so buckets that have been idle for a whole period are forgotten once there are many. Thread-safe.
 */
final class KeyedRateLimit {
    /** Above this many keys, idle buckets are dropped before a new one is made. */
    static final int FORGET_IDLE_ABOVE = 10_000;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int perPeriod;
    private final Duration period;

    KeyedRateLimit(int perPeriod, Duration period) {
        if (perPeriod <= 0) {
            throw new IllegalArgumentException("A rate limit must be positive: " + perPeriod + " per " + period);
        }
        this.perPeriod = perPeriod;
        this.period = period;
    }

    /** Whether {@code key} may go ahead now; each call that returns true counts. */
    boolean tryAcquire(String key, long now) {
        if (buckets.size() > FORGET_IDLE_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, newKey -> new TokenBucket(perPeriod, period, now)).tryTake(now);
    }

    /** The limit, for messages. */
    int perPeriod() {
        return perPeriod;
    }

    /** Keys currently remembered. */
    int size() {
        return buckets.size();
    }
}
