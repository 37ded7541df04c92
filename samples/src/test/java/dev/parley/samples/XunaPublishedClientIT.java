package dev.parley.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The published npm client {@code @elevenlabs/client} (src/test/node, installed by {@code npm ci} in the
 * {@code e2e} profile) holds a text conversation with the concierge on the standalone server. Runs with
 * {@code mvn verify -Pe2e}; needs {@code node} on the PATH.
 */
class XunaPublishedClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NODE_LIMIT_SECONDS = 60;
    private static final Path NODE_DIR = Path.of(System.getProperty("parley.node.dir", "src/test/node"));
    private static final Path OUTPUT_DIR = Path.of("target", "e2e");

    @Test
    void thePublishedClientTalksWithTheConciergeAndAnswersEveryPing() throws Exception {
        assertTrue(Files.isDirectory(NODE_DIR.resolve("node_modules/@elevenlabs/client")),
                () -> "the Node harness is not installed: run `npm ci` in " + NODE_DIR.toAbsolutePath());
        JsonNode result;
        try (ParleyServer server = ParleyServer.start(new ServerOptions("127.0.0.1", 0,
                Map.of("parley.xuna.ping-interval", "300")))) {
            result = runHarness("ws://127.0.0.1:" + server.port(), "concierge");
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

    /** Runs the harness (bounded), returns its JSON line; fails unless it exits 0. */
    private static JsonNode runHarness(String origin, String agentId) throws IOException, InterruptedException {
        Files.createDirectories(OUTPUT_DIR);
        Path stdout = OUTPUT_DIR.resolve("xuna-text-conversation.stdout");
        Path stderr = OUTPUT_DIR.resolve("xuna-text-conversation.stderr");
        ProcessBuilder command = new ProcessBuilder("node", "xuna-text-conversation.mjs", origin, agentId)
                .directory(NODE_DIR.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        command.environment().put("XUNA_HOLD_MS", "1500");
        Process node = command.start();
        if (!node.waitFor(NODE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
            fail("node did not finish within " + NODE_LIMIT_SECONDS + " s; stderr:\n" + read(stderr));
        }
        String out = read(stdout);
        List<String> lines = out.lines().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), () -> "no JSON line on stdout; exit " + node.exitValue() + ", stderr:\n" + read(stderr));
        JsonNode result = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals(0, node.exitValue(), () -> "node's exit code; result " + result + "\nstderr:\n" + read(stderr));
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
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
