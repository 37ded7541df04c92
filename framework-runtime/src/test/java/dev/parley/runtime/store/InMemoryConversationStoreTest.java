package dev.parley.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.ConversationTurn;
import dev.parley.api.spi.ConversationRecord;
import dev.parley.runtime.testing.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryConversationStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static ConversationRecord conversation(String id, String... userTurns) {
        return new ConversationRecord(id, "concierge", java.util.Arrays.stream(userTurns)
                .map(text -> new ConversationTurn(ConversationTurn.Speaker.USER, text, NOW)).toList());
    }

    @Test
    void aSavedConversationLoadsWithItsTurnsAndALaterSaveReplacesIt() {
        var store = new InMemoryConversationStore(10, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        store.save(conversation("c1", "hello"));
        store.save(conversation("c1", "hello", "what are your opening hours"));
        assertEquals(List.of("hello", "what are your opening hours"),
                store.load("c1").orElseThrow().turns().stream().map(ConversationTurn::text).toList());
        assertTrue(store.load("c2").isEmpty());
    }

    @Test
    void theLeastRecentlyUsedConversationIsDroppedBeyondCapacity() {
        var store = new InMemoryConversationStore(2, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        store.save(conversation("old"));
        store.save(conversation("used"));
        store.load("old");
        store.save(conversation("new"));
        assertTrue(store.load("old").isPresent());
        assertTrue(store.load("used").isEmpty());
        assertEquals(2, store.size());
    }

    @Test
    void aConversationExpiresItsTimeToLiveAfterItsLastSave() {
        var clock = new MovableClock(NOW);
        var store = new InMemoryConversationStore(10, Duration.ofMinutes(30), clock);
        store.save(conversation("c1"));
        clock.set(NOW.plus(Duration.ofMinutes(29)));
        assertTrue(store.load("c1").isPresent());
        clock.set(NOW.plus(Duration.ofMinutes(31)));
        assertTrue(store.load("c1").isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void aStoreWithoutRoomIsRefused() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> new InMemoryConversationStore(0, Duration.ofHours(1), Clock.systemUTC()));
        assertEquals("The store's capacity must be positive: 0", failure.getMessage());
    }
}
