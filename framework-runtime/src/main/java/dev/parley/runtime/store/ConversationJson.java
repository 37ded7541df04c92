package dev.parley.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ConversationTurn;
import dev.parley.api.spi.ConversationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as JSON, for stores that keep text: {@code {"v":1,"conversationId":..,"agentId":..,
 * "turns":[{"speaker":"USER","text":..,"at":"2025-01-01T12:00:00Z"}]}}. The format is written out field by field
 * (not bound to the records) so it stays the same when the records change, and {@code v} lets a later version
 * read what an older instance wrote.
 */
final class ConversationJson {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversationJson() {
    }

    static String write(ConversationRecord conversation) {
        ObjectNode root = JSON.createObjectNode()
                .put("v", VERSION)
                .put("conversationId", conversation.conversationId())
                .put("agentId", conversation.agentId());
        ArrayNode turns = root.putArray("turns");
        for (ConversationTurn turn : conversation.turns()) {
            turns.addObject()
                    .put("speaker", turn.speaker().name())
                    .put("text", turn.text())
                    .put("at", turn.at().toString());
        }
        return root.toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not a conversation this version can read */
    static ConversationRecord read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A stored conversation is not JSON: " + e.getOriginalMessage(), e);
        }
        int version = root.path("v").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("A stored conversation has format version " + root.path("v")
                    + "; this Parley reads version " + VERSION);
        }
        List<ConversationTurn> turns = new ArrayList<>();
        for (JsonNode turn : root.path("turns")) {
            try {
                turns.add(new ConversationTurn(ConversationTurn.Speaker.valueOf(text(turn, "speaker")), text(turn, "text"),
                        Instant.parse(text(turn, "at"))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("A stored conversation has an invalid turn " + turn + ": " + e.getMessage(), e);
            }
        }
        return new ConversationRecord(text(root, "conversationId"), text(root, "agentId"), turns);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("A stored conversation has no text field '" + field + "'");
        }
        return value.asText();
    }
}
