package dev.parley.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real WebSocket client speaking XUNA to a test server, offering subprotocol {@code convai} as the published
 * client does. Pings go to their own queue and are answered automatically unless turned off; every other frame
 * is read in order with {@link #next()} or checked with {@link #await(String)}.
 */
public final class XunaTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile boolean answerPings = true;
    private final JsonTestClient client;

    private XunaTestClient(URI uri) {
        client = JsonTestClient.to(uri).subprotocols("convai").readApart(XunaTestClient::isPing).onFrame(this::answer)
                .connect();
    }

    /** Connects to {@code /v1/convai/conversation?query}. */
    public static XunaTestClient connect(int port, String query) {
        return new XunaTestClient(URI.create("ws://127.0.0.1:" + port + "/v1/convai/conversation?" + query));
    }

    /** Connects to the agent and initiates. */
    public static XunaTestClient initiated(int port, String agentId) {
        XunaTestClient client = connect(port, "agent_id=" + agentId);
        client.initiate();
        return client;
    }

    /** Sends the client data and waits for the metadata; returns the conversation id it gives. */
    public String initiate() {
        send("{\"type\":\"conversation_initiation_client_data\"}");
        return await("conversation_initiation_metadata").path("conversation_initiation_metadata_event")
                .path("conversation_id").asText();
    }

    private static boolean isPing(JsonNode frame) {
        return "ping".equals(frame.path("type").asText());
    }

    private void answer(JsonTestClient client, JsonNode frame) {
        if (isPing(frame) && answerPings) {
            client.send("{\"type\":\"pong\",\"event_id\":" + frame.path("ping_event").path("event_id").asLong() + "}");
        }
    }

    public void answerPings(boolean answer) {
        answerPings = answer;
    }

    public String subprotocol() {
        return client.subprotocol();
    }

    public void send(String frame) {
        client.send(frame);
    }

    public void sendBinary(byte[] frame) {
        client.sendBinary(frame);
    }

    public void userMessage(String text) {
        send(JSON.createObjectNode().put("type", "user_message").put("text", text).toString());
    }

    /** The next frame that is not a ping; fails after 5 s. */
    public JsonNode next() {
        return client.frames().next();
    }

    /** The next frame, which must be of {@code type}. */
    public JsonNode await(String type) {
        JsonNode frame = next();
        assertEquals(type, frame.path("type").asText(), () -> "Expected a " + type + " frame, got " + frame);
        return frame;
    }

    /** The next frame of {@code type}, skipping others (for streams whose interleaving is not the point). */
    public JsonNode skipTo(String type) {
        return client.frames().skipTo(type);
    }

    /** The text of the next {@code agent_response}, skipping the streamed parts before it. */
    public String agentResponse() {
        return skipTo("agent_response").path("agent_response_event").path("agent_response").asText();
    }

    public JsonNode nextPing() {
        return client.apart().next();
    }

    /** Frames up to and including the first that {@code last} accepts; fails after {@code seconds}. */
    public List<JsonNode> collectUntil(Predicate<JsonNode> last, int seconds) {
        List<JsonNode> collected = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame;
            try {
                frame = client.frames().poll(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (frame != null) {
                collected.add(frame);
                if (last.test(frame)) {
                    return collected;
                }
            }
        }
        throw new AssertionError("No matching frame within " + seconds + " s; got " + collected.size() + " frames, last: "
                + (collected.isEmpty() ? "none" : collected.get(collected.size() - 1)));
    }

    /** Frames until none arrived for {@code quietMillis} (at most {@code seconds} in all). */
    public List<JsonNode> collectQuietFor(long quietMillis, int seconds) throws InterruptedException {
        List<JsonNode> collected = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = client.frames().poll(Duration.ofMillis(quietMillis));
            if (frame == null) {
                return collected;
            }
            collected.add(frame);
        }
        return collected;
    }

    /** Forgets the pings received so far; returns how many there were. */
    public int drainPings() {
        return client.apart().drain().size();
    }

    /** Asserts that no non-ping frame arrives within {@code quiet}. */
    public void expectSilence(Duration quiet) throws InterruptedException {
        client.frames().expectSilence(quiet);
    }

    /** Frames received so far and not yet read, pings excluded. */
    public List<JsonNode> drain() {
        return client.frames().drain();
    }

    /** How the server closed the connection; fails after 5 s. */
    public CloseReason awaitClose() {
        return client.awaitClose();
    }

    public boolean isOpen() {
        return client.isOpen();
    }

    @Override
    public void close() {
        client.close();
    }
}
