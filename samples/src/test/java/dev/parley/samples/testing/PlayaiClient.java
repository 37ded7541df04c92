package dev.parley.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.samples.testing.JsonWebSocket.Close;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A PlayAI client on the JDK's own WebSocket ({@link JsonWebSocket}) that starts conversations as the published web
 * SDK ({@code @play-ai/agent-web-sdk}) does: on the SDK's path, with the SDK's {@code setup} frame. Every wait is
 * bounded.
 */
public final class PlayaiClient implements AutoCloseable {
    /** What the SDK sends first, key order included ({@code type} last, no {@code apiKey}). */
    public static final String SDK_SETUP = "{\"inputEncoding\":\"mulaw\",\"inputSampleRate\":16000,\"outputFormat\":\"mp3\","
            + "\"shouldSendLanguage\":true,\"type\":\"setup\"}";
    private static final Set<String> AUDIO = Set.of("audioStreamStart", "audioStream", "audioStreamEnd");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonWebSocket socket;

    private PlayaiClient(JsonWebSocket socket) {
        this.socket = socket;
    }

    /** Opens {@code ws://127.0.0.1:port/v1/agents/{agentId}/start-conversation}, the path the SDK uses. */
    public static PlayaiClient connect(int port, String agentId) {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/v1/agents/" + URLEncoder.encode(agentId, StandardCharsets.UTF_8)
                + "/start-conversation");
        return new PlayaiClient(JsonWebSocket.connect(uri, List.of(), (from, frame) -> false));
    }

    /** The SDK's setup frame with {@code continueConversation} added. */
    public static String continuing(String conversationId) {
        try {
            ObjectNode setup = (ObjectNode) JSON.readTree(SDK_SETUP);
            return setup.put("continueConversation", conversationId).toString();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code setup} and returns the server's answer, which must be {@code init}, its very first frame. */
    public JsonNode setUp(String setup) {
        send(setup);
        return socket.await("init");
    }

    /**
     * Reads the greeting as a client without audio sees it: {@code onAgentGreeting}, then, with no audio stream in
     * between (the server has no speech engine), {@code onAgentGreetingEnd} with the same text. Returns that text.
     */
    public String silentGreeting() {
        String greeting = socket.await("onAgentGreeting").path("message").asText();
        List<JsonNode> upToEnd = socket.upTo("onAgentGreetingEnd");
        List<String> types = upToEnd.stream().map(frame -> frame.path("type").asText()).toList();
        assertTrue(types.stream().noneMatch(AUDIO::contains), () -> "audio in a greeting without speech: " + types);
        assertEquals(greeting, upToEnd.get(upToEnd.size() - 1).path("message").asText(), "onAgentGreetingEnd's message");
        return greeting;
    }

    /** Sends {@code {"type":"customInput","data":text}}: context for the agent, which answers nothing. */
    public void customInput(String text) {
        send(JSON.createObjectNode().put("type", "customInput").put("data", text).toString());
    }

    /** The next frame, which must be an {@code error} with this code and fatality and a message. */
    public JsonNode awaitError(int code, boolean fatal) {
        JsonNode error = socket.await("error");
        assertEquals(code, error.path("code").asInt(), error::toString);
        assertTrue(error.path("isFatal").isBoolean() && error.path("message").isTextual(), error::toString);
        assertEquals(fatal, error.path("isFatal").asBoolean(), error::toString);
        return error;
    }

    /** Sends one text frame and waits (bounded) until it is written. */
    public void send(String frame) {
        socket.send(frame);
    }

    /** The next frame; fails after {@link JsonWebSocket#WAIT}. */
    public JsonNode next() {
        return socket.next();
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Anything that went wrong on the receiving side (binary frames, invalid JSON, transport errors). */
    public List<String> problems() {
        return socket.problems();
    }

    /** How the connection ended; fails if it is still open after {@link JsonWebSocket#WAIT}. */
    public Close awaitClose() {
        return socket.awaitClose();
    }

    /** Hangs up as the SDK does (close 1000) and returns how the server answered. */
    public Close end() {
        return socket.end();
    }

    @Override
    public void close() {
        socket.close();
    }
}
