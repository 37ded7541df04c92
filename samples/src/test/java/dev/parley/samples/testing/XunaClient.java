package dev.parley.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.samples.testing.JsonWebSocket.Close;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A XUNA client on the JDK's own WebSocket ({@link JsonWebSocket}), offering subprotocol {@code convai} as the
 * published client does. Pings are answered at once with a pong and kept apart; every other frame is read in arrival
 * order with {@link #next()} and its helpers. Every wait is bounded.
 */
public final class XunaClient implements AutoCloseable {
    /** How long any single wait may take. */
    public static final Duration WAIT = JsonWebSocket.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> pings = new CopyOnWriteArrayList<>();
    private final AtomicInteger pongsSent = new AtomicInteger();
    private JsonWebSocket socket;

    private XunaClient() {
    }

    /** Opens {@code ws://127.0.0.1:port/v1/convai/conversation?agent_id=...}, offering subprotocol {@code convai}. */
    public static XunaClient connect(int port, String agentId) {
        XunaClient client = new XunaClient();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/v1/convai/conversation?agent_id="
                + URLEncoder.encode(agentId, StandardCharsets.UTF_8));
        client.socket = JsonWebSocket.connect(uri, List.of("convai"), client::answerPing);
        return client;
    }

    /** The subprotocol the server selected. */
    public String subprotocol() {
        return socket.subprotocol();
    }

    /**
     * Sends {@code conversation_initiation_client_data} as the published client does and returns the
     * {@code conversation_initiation_metadata_event}, which must be the server's very first frame.
     */
    public JsonNode initiate() {
        send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                + "{\"agent\":{},\"tts\":{},\"conversation\":{}},\"source_info\":{\"source\":\"js_sdk\",\"version\":\"1.25.0\"}}");
        return await("conversation_initiation_metadata").path("conversation_initiation_metadata_event");
    }

    /** Types {@code text} as the user ({@code user_message}). */
    public void type(String text) {
        send(JSON.createObjectNode().put("type", "user_message").put("text", text).toString());
    }

    /**
     * Types a question, checks that it comes back as the user's transcript, and returns the agent's whole
     * answer (the {@code agent_response} text; the streamed parts before it are skipped).
     */
    public String ask(String question) {
        type(question);
        JsonNode transcript = await("user_transcript").path("user_transcription_event");
        assertEquals(question, transcript.path("user_transcript").asText(), () -> "transcript " + transcript);
        return agentResponse().path("agent_response").asText();
    }

    /** Sends PCM as real clients do: {@code {"user_audio_chunk":"<base64>"}}. */
    public void sendAudio(byte[] pcm) {
        send(JSON.createObjectNode().put("user_audio_chunk", Base64.getEncoder().encodeToString(pcm)).toString());
    }

    /** Sends one text frame and waits (bounded) until it is written. */
    public void send(String frame) {
        socket.send(frame);
    }

    /** The next frame that is not a ping; fails after {@link #WAIT}. */
    public JsonNode next() {
        return socket.next();
    }

    /** The next frame, which must be of {@code type}. */
    public JsonNode await(String type) {
        return socket.await(type);
    }

    /** The next frame of {@code type}, skipping up to 100 others. */
    public JsonNode skipTo(String type) {
        return socket.skipTo(type);
    }

    /** The next {@code agent_response_event}, skipping the {@code agent_chat_response_part} frames before it. */
    public JsonNode agentResponse() {
        JsonNode frame;
        while ((frame = next()).path("type").asText().equals("agent_chat_response_part")) {
            // the streamed text; the whole response follows
        }
        assertEquals("agent_response", frame.path("type").asText(), "frame after the response parts");
        return frame.path("agent_response_event");
    }

    /** The pings received so far (each already answered). */
    public List<JsonNode> pings() {
        return List.copyOf(pings);
    }

    public int pongsSent() {
        return pongsSent.get();
    }

    /** Waits (bounded) until at least {@code count} pings have been answered; returns the pings received by then. */
    public List<JsonNode> awaitPongs(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pongsSent.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Fewer than " + count + " pongs sent within " + WAIT.toSeconds() + " s; pings: " + pings);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return pings();
    }

    /** Whether neither side has closed the connection. */
    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Anything that went wrong on the receiving side (binary frames, invalid JSON, transport errors). */
    public List<String> problems() {
        return socket.problems();
    }

    /** How the connection ended; fails if it is still open after {@link #WAIT}. */
    public Close awaitClose() {
        return awaitClose(WAIT);
    }

    /** How the connection ended; fails if it is still open after {@code limit}. */
    public Close awaitClose(Duration limit) {
        return socket.awaitClose(limit);
    }

    /** Ends the conversation as the published client does (close 1000) and returns how the server answered. */
    public Close end() {
        return socket.end();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A ping is answered at once with its pong and kept apart from the other frames. */
    private boolean answerPing(JsonWebSocket from, JsonNode frame) {
        if (!"ping".equals(frame.path("type").asText())) {
            return false;
        }
        pings.add(frame);
        long eventId = frame.path("ping_event").path("event_id").asLong();
        from.sendLater("{\"type\":\"pong\",\"event_id\":" + eventId + "}").thenRun(pongsSent::incrementAndGet);
        return true;
    }
}
