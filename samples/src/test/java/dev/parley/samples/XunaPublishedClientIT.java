package dev.parley.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import dev.parley.samples.testing.NodeHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published npm client {@code @elevenlabs/client} (src/test/node, installed by {@code npm ci} in the
 * {@code e2e} profile) holds a text conversation with the concierge on the standalone server. Runs with
 * {@code mvn verify -Pe2e}; needs {@code node} on the PATH.
 */
class XunaPublishedClientIT {
    private static final long NODE_LIMIT_SECONDS = 60;
    private static final Path NODE_DIR = Path.of(System.getProperty("parley.node.dir", "src/test/node"));

    @Test
    void thePublishedClientTalksWithTheConciergeAndAnswersEveryPing() throws Exception {
        NodeHarness harness = new NodeHarness(NODE_DIR, "xuna-text-conversation.mjs", NODE_LIMIT_SECONDS);
        harness.assertInstalled("@elevenlabs/client");
        JsonNode result;
        try (ParleyServer server = ParleyServer.start(new ServerOptions("127.0.0.1", 0,
                Map.of("parley.xuna.ping-interval", "300")))) {
            result = harness.run(List.of("ws://127.0.0.1:" + server.port(), "concierge"), Map.of("XUNA_HOLD_MS", "1500"));
        }

        assertTrue(result.path("connected").asBoolean(), result::toString);
        assertEquals(List.of(), texts(result.path("errors")), "errors");
        assertEquals("convai", result.path("protocol").asText(), "selected subprotocol");

        JsonNode messages = result.path("messages");
        assertEquals(List.of("ai", "user", "ai", "user", "ai"), field(messages, "source"), messages::toString);
        assertEquals("Hello, I am the concierge. Ask me about our opening hours.", messages.get(0).path("message").asText());
        assertEquals("What are your opening hours?", messages.get(1).path("message").asText());
        assertTrue(messages.get(2).path("message").asText().contains("Monday to Friday"), messages.get(2)::toString);
        assertEquals("Are you open on Sunday?", messages.get(3).path("message").asText());
        assertEquals("On Sunday we are closed.", messages.get(4).path("message").asText());

        long previous = Long.MIN_VALUE;
        for (JsonNode message : messages) {
            if (message.path("source").asText().equals("ai")) {
                JsonNode eventId = message.path("event_id");
                assertTrue(eventId.isIntegralNumber(), () -> "numeric event_id in " + message);
                assertTrue(eventId.asLong() > previous, () -> "event ids increase: " + messages);
                previous = eventId.asLong();
            }
        }

        int pings = result.path("pingsReceived").asInt();
        int pongs = result.path("pongsSent").asInt();
        assertTrue(pings >= 2, () -> "pings every 300 ms over at least 1.5 s, got " + pings);
        assertEquals(pings, pongs, "every ping answered");
        assertEquals(1000, result.path("closeCode").asInt(), () -> "close reason: " + result.path("closeReason"));
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(name).asText()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }
}
