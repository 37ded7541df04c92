package dev.parley.api.spi;

import dev.parley.api.ConversationTurn;
import java.util.List;
import java.util.Objects;

/**
 * A conversation as a {@link ConversationStore} keeps it.
 *
 * @param conversationId the id clients continue it by
 * @param agentId        the agent it is with; only that agent may continue it
 * @param turns          its finished turns, oldest first
 */
public record ConversationRecord(String conversationId, String agentId, List<ConversationTurn> turns) {

    public ConversationRecord {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentId, "agentId");
        turns = List.copyOf(turns);
    }
}
