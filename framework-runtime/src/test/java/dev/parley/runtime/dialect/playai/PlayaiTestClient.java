package dev.parley.runtime.dialect.playai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.runtime.testing.FrameQueue;
import dev.parley.runtime.testing.JsonTestClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Base64;
import java.util.Map;

/**
 * A real WebSocket client speaking PlayAI to a test server, by default as the published web SDK does: the SDK's path,
 * its setup frame ({@code type} last, no {@code apiKey}). {@code audioStream} frames are read apart ({@link #audio()}).
 */
final class PlayaiTestClient implements AutoCloseable {
    /** What the SDK sends first, key order included. */
    static final String SDK_SETUP = "{\"inputEncoding\":\"mulaw\",\"inputSampleRate\":16000,\"outputFormat\":\"mp3\","
            + "\"shouldSendLanguage\":true,\"type\":\"setup\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonTestClient client;

    private PlayaiTestClient(JsonTestClient client) {
        this.client = client;
    }

    /** Connects to {@code path} (with the agent id in it) with these request headers. */
    static PlayaiTestClient connect(int port, String path, Map<String, String> headers) {
        return new PlayaiTestClient(JsonTestClient.connect(URI.create("ws://127.0.0.1:" + port + path), headers,
                frame -> frame.path("type").asText().equals("audioStream")));
    }

    /** Connects to the SDK's path for {@code agentId}, with every frame, audio included, in one queue in arrival order. */
    static PlayaiTestClient connectInOrder(int port, String agentId) {
        return new PlayaiTestClient(JsonTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/v1/agents/" + agentId
                + "/start-conversation"), Map.of(), frame -> false));
    }

    /** Connects to the SDK's path for {@code agentId}. */
    static PlayaiTestClient connect(int port, String agentId) {
        return connect(port, "/v1/agents/" + agentId + "/start-conversation", Map.of());
    }

    /** Connected to {@code agentId} and set up with {@code setup}, past {@code init}. */
    static PlayaiTestClient started(int port, String agentId, String setup) {
        PlayaiTestClient client = connect(port, agentId);
        client.send(setup);
        client.await("init");
        return client;
    }

    /** A setup frame: the SDK's, with these fields changed or added. */
    static String setup(Map<String, Object> fields) {
        ObjectNode setup = (ObjectNode) read(SDK_SETUP);
        fields.forEach((name, value) -> setup.set(name, JSON.valueToTree(value)));
        return setup.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    void send(String frame) {
        client.send(frame);
    }

    void sendBinary(byte[] frame) {
        client.sendBinary(frame);
    }

    void audioIn(byte[] audio) {
        send("{\"type\":\"audioIn\",\"data\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}");
    }

    void customInput(String text) {
        send(JSON.createObjectNode().put("type", "customInput").put("data", text).toString());
    }

    FrameQueue frames() {
        return client.frames();
    }

    FrameQueue audio() {
        return client.apart();
    }

    JsonNode await(String type) {
        JsonNode frame = frames().next();
        assertEquals(type, frame.path("type").asText(), () -> "Expected a " + type + " frame, got " + frame);
        return frame;
    }

    /** The {@code message} of the next frame, which must be of {@code type}. */
    String message(String type) {
        return await(type).path("message").asText();
    }

    /** The next {@code error}, checked to have the fields the SDK requires, with this code and fatality. */
    JsonNode awaitError(int code, boolean fatal) {
        JsonNode error = frames().skipTo("error");
        assertEquals(code, error.path("code").asInt(), error::toString);
        assertEquals(fatal, error.path("isFatal").asBoolean(), error::toString);
        assertEquals(true, error.path("isFatal").isBoolean() && error.path("message").isTextual(), error::toString);
        return error;
    }

    /** The greeting as the SDK sees it: onAgentGreeting, its audio stream, onAgentGreetingEnd; returns its text. */
    String greeting() {
        String greeting = message("onAgentGreeting");
        frames().skipTo("onAgentGreetingEnd");
        return greeting;
    }

    /** The agent's next response text: its onAgentTranscript, then llmStreamEnd. */
    String agentTranscript() {
        String text = frames().skipTo("onAgentTranscript").path("message").asText();
        await("llmStreamEnd");
        return text;
    }

    /** The audio of the next response: its audioStream data up to its audioStreamEnd, concatenated. */
    byte[] responseAudio() {
        frames().skipTo("audioStreamEnd");
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        for (JsonNode frame : audio().drain()) {
            audio.writeBytes(Base64.getDecoder().decode(frame.path("data").asText()));
        }
        return audio.toByteArray();
    }

    void assertClosed(int code, String reason) {
        client.assertClosed(code, reason);
    }

    jakarta.websocket.CloseReason awaitClose() {
        return client.awaitClose();
    }

    boolean isOpen() {
        return client.isOpen();
    }

    @Override
    public void close() {
        client.close();
    }
}
