package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.runtime.testing.JsonTestClient;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real WebSocket client speaking NextEVI to a test server, connecting as the React SDK does (a
 * {@code voice_<ms>_<9 chars>} connection id). Each client comes from its own {@code X-Forwarded-For} address
 * unless told otherwise, so the per-address limit only bites where a test wants it to. Every frame the server
 * sends is checked for the envelope (type, timestamp, message_id, the payload at the top level and as data);
 * a broken one fails the next read. {@code tts_chunk}s go to their own queue ({@link #nextAudio()}), so that text
 * sequences read the same with and without speech engines; {@link #history()} has every frame in arrival order.
 */
final class NexteviTestClient implements AutoCloseable {
    static final String SDK_SETTINGS = "{\"type\":\"session_settings\",\"sample_rate\":24000,\"channels\":1,"
            + "\"encoding\":\"linear16\",\"idle_timeout\":{\"warning_timeout\":30,\"hangup_timeout\":60,\"enabled\":false}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final List<JsonNode> history = new CopyOnWriteArrayList<>();
    private final JsonTestClient client;

    private NexteviTestClient(URI uri, Map<String, String> headers) {
        client = JsonTestClient.to(uri).headers(headers).readApart(frame -> frame.path("type").asText().equals("tts_chunk"))
                .onFrame((sender, frame) -> {
                    history.add(frame);
                    assertEnvelope(frame);
                }).connect();
    }

    /** Connects to {@code /ws/voice/<id>?query} with these request headers (plus an address of its own, unless given). */
    static NexteviTestClient connect(int port, String connectionId, String query, Map<String, String> headers) {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.putIfAbsent("X-Forwarded-For", "10.0." + (ADDRESSES.incrementAndGet() / 250) + "." + (ADDRESSES.get() % 250 + 1));
        return new NexteviTestClient(URI.create("ws://127.0.0.1:" + port + "/ws/voice/" + connectionId + "?" + query), sent);
    }

    static NexteviTestClient connect(int port, String query) {
        return connect(port, sdkConnectionId(), query, Map.of());
    }

    /** Connected with the test API key to {@code configId}, past {@code connection_metadata}. */
    static NexteviTestClient connected(int port, String configId) {
        NexteviTestClient client = connect(port, "api_key=" + NexteviServer.API_KEY + "&config_id=" + configId);
        client.await("connection_metadata");
        return client;
    }

    /** Connected, with the SDK's session settings sent and answered with {@code status: ready}. */
    static NexteviTestClient ready(int port, String configId) {
        NexteviTestClient client = connected(port, configId);
        client.send(SDK_SETTINGS);
        client.awaitStatus("ready");
        return client;
    }

    /** An id as {@code @nextevi/voice-react} makes them. */
    static String sdkConnectionId() {
        StringBuilder id = new StringBuilder("voice_" + System.currentTimeMillis() + "_");
        for (int i = 0; i < 9; i++) {
            id.append(Character.forDigit(ThreadLocalRandom.current().nextInt(36), 36));
        }
        return id.toString();
    }

    /** Every server message: type, timestamp in seconds, message id, and each payload field both on top and in data. */
    static void assertEnvelope(JsonNode frame) {
        if (!frame.path("type").isTextual() || !frame.path("timestamp").isNumber() || !frame.path("message_id").isTextual()
                || frame.path("message_id").asText().isEmpty() || !frame.path("data").isObject()) {
            throw new AssertionError("Not a NextEVI envelope: " + frame);
        }
        double now = System.currentTimeMillis() / 1000.0;
        if (Math.abs(frame.path("timestamp").asDouble() - now) > 60) {
            throw new AssertionError("timestamp is not Unix seconds: " + frame);
        }
        ObjectNode topLevel = ((ObjectNode) frame).deepCopy();
        topLevel.remove(List.of("type", "timestamp", "message_id", "data"));
        if (!topLevel.equals(frame.get("data"))) {
            throw new AssertionError("The top-level payload and data differ: " + frame);
        }
    }

    void send(String frame) {
        client.send(frame);
    }

    void sendBinary(byte[] frame) {
        client.sendBinary(frame);
    }

    /** A typed user turn, flat as other clients send it. */
    void textInput(String text) {
        send(JSON.createObjectNode().put("type", "text_input").put("text", text).toString());
    }

    /** The next {@code tts_chunk}; fails after 5 s. */
    JsonNode nextAudio() {
        return client.apart().next();
    }

    /** The {@code tts_chunk}s that arrive until none has come for {@code quiet} (at most 30 s in all). */
    List<JsonNode> audioUntilQuiet(Duration quiet) throws InterruptedException {
        List<JsonNode> chunks = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode chunk;
        while (System.nanoTime() < deadline && (chunk = client.apart().poll(quiet)) != null) {
            chunks.add(chunk);
        }
        client.assertValid();
        return chunks;
    }

    /** Every frame received so far, audio included, in order. */
    List<JsonNode> history() {
        return List.copyOf(history);
    }

    /** The next frame that is not a {@code tts_chunk}; fails after 5 s. */
    JsonNode next() {
        JsonNode frame = client.frames().next();
        client.assertValid();
        return frame;
    }

    JsonNode await(String type) {
        JsonNode frame = next();
        assertEquals(type, frame.path("type").asText(), () -> "Expected a " + type + " frame, got " + frame);
        return frame;
    }

    /** The next {@code status} message, which must say {@code status}. */
    JsonNode awaitStatus(String status) {
        JsonNode frame = await("status");
        assertEquals(status, frame.path("status").asText(), frame::toString);
        return frame;
    }

    JsonNode skipTo(String type) {
        return client.frames().skipTo(type);
    }

    /** The final {@code llm_response_chunk} of the next response: its whole text. */
    String agentResponse() {
        return client.frames().skipTo(frame -> frame.path("type").asText().equals("llm_response_chunk")
                && frame.path("is_final").asBoolean(), "final llm_response_chunk").path("content").asText();
    }

    void expectSilence(Duration quiet) throws InterruptedException {
        client.frames().expectSilence(quiet);
        client.assertValid();
    }

    /** How the server closed the connection; fails after 5 s. */
    CloseReason awaitClose() {
        return client.awaitClose();
    }

    /** Asserts the server closed with {@code code} and {@code reason}. */
    void assertClosed(int code, String reason) {
        client.assertClosed(code, reason);
    }

    boolean isOpen() {
        return client.isOpen();
    }

    @Override
    public void close() {
        client.close();
    }
}
