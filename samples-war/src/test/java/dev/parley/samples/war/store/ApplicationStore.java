package dev.parley.samples.war.store;

import dev.parley.api.ConversationTurn;
import dev.parley.api.spi.ConversationRecord;
import dev.parley.api.spi.ConversationStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An application's own conversation store, as a CDI bean of the WAR (the server tests add it, see TestedWar): it keeps
 * conversations in memory, and already knows {@link #KEPT}, which no other store has, so a client that continues that
 * conversation shows that Parley uses this bean.
 */
@ApplicationScoped
public class ApplicationStore implements ConversationStore {
    /** A conversation with the concierge that only this store knows. */
    public static final ConversationRecord KEPT = new ConversationRecord("conv_kept_by_the_application", "concierge",
            List.of(new ConversationTurn(ConversationTurn.Speaker.USER, "are you open on sunday",
                    Instant.parse("2026-01-01T10:00:00Z"))));

    private final Map<String, ConversationRecord> conversations = new ConcurrentHashMap<>(Map.of(KEPT.conversationId(), KEPT));

    @Override
    public Optional<ConversationRecord> load(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public void save(ConversationRecord conversation) {
        conversations.put(conversation.conversationId(), conversation);
    }
}
