package dev.parley.runtime.store;

import dev.parley.api.spi.ConversationStore;
import dev.parley.runtime.config.CdiBeans;
import dev.parley.runtime.config.Settings;
import java.time.Clock;
import java.time.Duration;

/**
 * Chooses the conversation store: the application's CDI bean if it has one, else the one {@code parley.store}
 * names ({@code memory}, the default).
 */
public final class ConversationStores {
    static final String STORE = "parley.store";
    static final String CAPACITY = "parley.store.memory.capacity";
    static final String TIME_TO_LIVE = "parley.store.time-to-live";

    private ConversationStores() {
    }

    public static ConversationStore select(Settings settings) {
        return CdiBeans.unique(ConversationStore.class).orElseGet(() -> configured(settings));
    }

    private static ConversationStore configured(Settings settings) {
        String kind = settings.get(STORE, "memory");
        if (kind.equals("memory")) {
            return new InMemoryConversationStore(settings.getInt(CAPACITY, 10_000),
                    settings.getDuration(TIME_TO_LIVE, Duration.ofHours(24)), Clock.systemUTC());
        }
        throw new IllegalArgumentException("Setting " + STORE + " is '" + kind + "'; the stores here are: memory "
                + "(or provide a CDI bean implementing " + ConversationStore.class.getName() + ")");
    }
}
