package dev.parley.api.spi;

import java.util.Optional;

/**
 * Where conversations are kept between sessions, so a client can continue one later (PlayAI
 * {@code continueConversation}), on this instance or another. The runtime saves a conversation after every
 * finished turn and when its session ends, off the connection's threads.
 *
 * <p>The runtime keeps them in memory unless the application provides a CDI bean implementing this interface
 * or selects another store in configuration ({@code parley.store}). Implementations are thread-safe, and bound the
 * time a call may take (a network store: with timeouts). A failure is any {@link RuntimeException}: a failed load ends
 * only the session that wanted to continue the conversation (with its dialect's internal error), a failed save is
 * logged and the conversation goes on.
 */
public interface ConversationStore {

    /** The conversation with this id, if it is known. */
    Optional<ConversationRecord> load(String conversationId);

    /** Saves the conversation, replacing what was kept under its id. */
    void save(ConversationRecord conversation);
}
