package dev.parley.runtime.dialect.nextevi;

import java.time.Duration;

/**
 * A rate limit as a token bucket: {@code capacity} tokens, refilled evenly so that {@code capacity} tokens return
 * per {@code period}. A burst of {@code capacity} passes, a steady rate above {@code capacity} per period does not.
 * Thread-safe; times are {@link System#nanoTime()} values.
 */
final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, Duration period, long now) {
        if (capacity <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A rate needs a positive capacity and period: " + capacity + " per " + period);
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) period.toNanos();
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes a token if there is one. */
    synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** A full bucket has been idle for a whole period: forgetting it changes nothing. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
