package dev.parley.runtime.store;

import dev.parley.api.spi.ConversationRecord;
import dev.parley.api.spi.ConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: this instance's memory, so conversations continue only on the instance that had them
 * and are lost when it stops (a shared store serves several instances). Bounded in count, the least
 * recently used dropped first, and each kept for at most {@code timeToLive} since it was last saved.
 */
public final class InMemoryConversationStore implements ConversationStore {

    private record Entry(ConversationRecord conversation, Instant savedAt) {
    }

    private final int capacity;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public InMemoryConversationStore(int capacity, Duration timeToLive, Clock clock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("The store's capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > InMemoryConversationStore.this.capacity;
            }
        };
    }

    @Override
    public synchronized Optional<ConversationRecord> load(String conversationId) {
        Entry entry = entries.get(conversationId);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.savedAt().plus(timeToLive).isBefore(clock.instant())) {
            entries.remove(conversationId);
            return Optional.empty();
        }
        return Optional.of(entry.conversation());
    }

    @Override
    public synchronized void save(ConversationRecord conversation) {
        entries.put(conversation.conversationId(), new Entry(conversation, clock.instant()));
    }

    synchronized int size() {
        return entries.size();
    }
}
