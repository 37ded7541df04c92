package dev.parley.runtime.dialect;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** How many sessions each key has open, capped; a slot is given back exactly once, however its connection ends. */
public final class ConcurrentSessions {
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int limit;

    public ConcurrentSessions(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("The concurrent session limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** A slot for one more session of {@code key}, or empty when it has {@link #limit()} open. */
    public Optional<Slot> tryOpen(String key) {
        AtomicBoolean granted = new AtomicBoolean();
        open.compute(key, (sameKey, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            granted.set(true);
            return current + 1;
        });
        return granted.get() ? Optional.of(new Slot(key)) : Optional.empty();
    }

    public int limit() {
        return limit;
    }

    /** Sessions {@code key} has open. */
    public int openFor(String key) {
        return open.getOrDefault(key, 0);
    }

    /** One open session; {@link #close()} gives it back (again is harmless). */
    public final class Slot implements AutoCloseable {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(key, (sameKey, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
