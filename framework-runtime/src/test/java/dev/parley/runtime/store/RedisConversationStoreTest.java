package dev.parley.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.ConversationTurn;
import dev.parley.api.ConversationTurn.Speaker;
import dev.parley.api.spi.ConversationRecord;
import dev.parley.api.spi.ConversationStore;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.testing.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** The Redis store against a real redis-server (skipped where none is installed). */
class RedisConversationStoreTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static RedisClient raw;

    @BeforeAll
    static void connect() {
        raw = RedisClient.create(URI.create(REDIS.url()));
    }

    @AfterAll
    static void disconnect() {
        if (raw != null) { // null when skipped
            raw.close();
        }
    }

    private static String newId() {
        return "conv_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static RedisConversationStore store(Duration timeToLive) {
        return new RedisConversationStore(URI.create(REDIS.url()), timeToLive, TIMEOUT);
    }

    @Test
    void aSavedConversationLoadsWithEveryTurnAndALaterSaveReplacesIt() {
        String id = newId();
        ConversationRecord first = new ConversationRecord(id, "concierge",
                List.of(new ConversationTurn(Speaker.AGENT, "Hi there", Instant.parse("2026-12-01T10:00:00.123456789Z"))));
        ConversationRecord second = new ConversationRecord(id, "concierge", List.of(first.turns().get(0),
                new ConversationTurn(Speaker.USER, "Ünïcödé \"quotes\" and\nnewlines", Instant.parse("2026-12-01T10:00:05Z"))));
        try (RedisConversationStore store = store(Duration.ofHours(1))) {
            store.save(first);
            assertEquals(Optional.of(first), store.load(id));
            store.save(second);
            assertEquals(Optional.of(second), store.load(id));
            assertTrue(store.load(newId()).isEmpty());
        }
    }

    @Test
    void oneKeyPerConversationHoldsVersionedJsonThatExpiresItsTimeToLiveAfterTheLastSave() {
        String id = newId();
        try (RedisConversationStore store = store(Duration.ofHours(24))) {
            store.save(new ConversationRecord(id, "concierge", List.of()));
            String json = raw.get("parley:conversation:" + id);
            assertEquals("{\"v\":1,\"conversationId\":\"" + id + "\",\"agentId\":\"concierge\",\"turns\":[]}", json);
            long ttl = raw.pttl("parley:conversation:" + id);
            assertTrue(ttl > TimeUnit.HOURS.toMillis(23) && ttl <= TimeUnit.HOURS.toMillis(24), "PTTL " + ttl);
        }
    }

    @Test
    void aConversationIsGoneOnceItsTimeToLiveHasPassedAndEachSaveStartsItAgain() throws InterruptedException {
        String id = newId();
        ConversationRecord conversation = new ConversationRecord(id, "concierge", List.of());
        try (RedisConversationStore store = store(Duration.ofMillis(600))) {
            store.save(conversation);
            Thread.sleep(400);
            store.save(conversation); // starts the 600 ms again
            Thread.sleep(400);
            assertTrue(store.load(id).isPresent(), "800 ms after the first save, 400 ms after the last");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (store.load(id).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(store.load(id).isEmpty(), "expired");
        }
    }

    @Test
    void anUnreachableRedisFailsLoadsAndSavesInBoundedTimeWithAnIllegalStateException() throws Exception {
        int nobody = RedisServer.freePort();
        try (RedisConversationStore store = new RedisConversationStore(URI.create("redis://127.0.0.1:" + nobody),
                Duration.ofHours(1), TIMEOUT)) {
            long start = System.nanoTime();
            IllegalStateException load = assertThrows(IllegalStateException.class, () -> store.load("conv_x"));
            assertTrue(load.getMessage().startsWith("Redis at 127.0.0.1:" + nobody + " failed to load conversation conv_x"),
                    load.getMessage());
            assertThrows(IllegalStateException.class, () -> store.save(new ConversationRecord("conv_x", "a", List.of())));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "bounded by the 2 s timeouts");
        }
    }

    @Test
    void aStoredValueThatIsNotAConversationIsAnIllegalStateExceptionNotAMissingConversation() {
        String id = newId();
        raw.set("parley:conversation:" + id, "{\"v\":99}");
        try (RedisConversationStore store = store(Duration.ofHours(1))) {
            IllegalStateException unreadable = assertThrows(IllegalStateException.class, () -> store.load(id));
            assertTrue(unreadable.getMessage().contains("format version 99"), unreadable.getMessage());
        }
    }

    @Test
    void parleyStoreRedisSelectsItWithTheUrlAndTimeToLiveSettingsAndReleaseClosesIt() {
        Settings settings = new Settings(Map.of(
                "parley.store", "redis",
                "parley.store.redis.url", REDIS.url(),
                "parley.store.time-to-live", "PT2H")::get, Map.of());
        ConversationStore selected = ConversationStores.select(settings);
        assertInstanceOf(RedisConversationStore.class, selected);
        String id = newId();
        selected.save(new ConversationRecord(id, "concierge", List.of()));
        long ttl = raw.pttl("parley:conversation:" + id);
        assertTrue(ttl > TimeUnit.MINUTES.toMillis(119) && ttl <= TimeUnit.HOURS.toMillis(2), "PTTL " + ttl);
        ConversationStores.release(selected);
        assertThrows(IllegalStateException.class, () -> selected.load(id), "closed");
    }
}
