package dev.parley.runtime.store;

import dev.parley.api.spi.ConversationStore;
import dev.parley.runtime.config.CdiBeans;
import dev.parley.runtime.config.Settings;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;

/**
 * Chooses the conversation store: the application's CDI bean if it has one, else the one {@code parley.store}
 * names: {@code memory} (the default) or {@code redis}. The Redis store's class, and so Jedis (an optional
 * dependency), is loaded only when it is chosen.
 */
public final class ConversationStores {
    private static final System.Logger LOG = System.getLogger(ConversationStores.class.getName());
    static final String STORE = "parley.store";
    static final String CAPACITY = "parley.store.memory.capacity";
    static final String TIME_TO_LIVE = "parley.store.time-to-live";
    private static final String JEDIS = "redis.clients:jedis:8.0.2";

    private ConversationStores() {
    }

    public static ConversationStore select(Settings settings) {
        return CdiBeans.unique(ConversationStore.class).orElseGet(() -> configured(settings));
    }

    /**
     * Releases what a store chosen by configuration holds (the Redis connection pool). An application's CDI bean is
     * left to its container.
     */
    public static void release(ConversationStore store) {
        if (store instanceof OwnedStore owned) {
            try {
                owned.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing the Redis conversation store failed", e);
            }
        }
    }

    private static ConversationStore configured(Settings settings) {
        String kind = settings.get(STORE, "memory");
        Duration timeToLive = settings.getDuration(TIME_TO_LIVE, Duration.ofHours(24));
        switch (kind) {
            case "memory":
                return new InMemoryConversationStore(settings.getInt(CAPACITY, 10_000), timeToLive, Clock.systemUTC());
            case RedisConversationStore.NAME:
                return redis(settings, timeToLive);
            default:
                throw new IllegalArgumentException("Setting " + STORE + " is '" + kind + "'; the stores here are: memory, "
                        + "redis (or provide a CDI bean implementing " + ConversationStore.class.getName() + ")");
        }
    }

    /** A store this class made and so must release; never an application's bean (the type is not visible to it). */
    interface OwnedStore extends ConversationStore, AutoCloseable {
        @Override
        void close();
    }

    private static ConversationStore redis(Settings settings, Duration timeToLive) {
        try {
            return RedisConversationStore.fromSettings(settings, timeToLive);
        } catch (NoClassDefFoundError missing) {
            String[] gav = JEDIS.split(":");
            throw new IllegalStateException(STORE + "=redis needs " + JEDIS + " on the class path (" + missing.getMessage()
                    + " is missing); it is an optional dependency of framework-runtime, so add <dependency><groupId>"
                    + gav[0] + "</groupId><artifactId>" + gav[1] + "</artifactId><version>" + gav[2]
                    + "</version></dependency> to your application.", missing);
        }
    }
}
