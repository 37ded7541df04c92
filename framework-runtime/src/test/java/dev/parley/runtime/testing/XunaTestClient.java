package dev.parley.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client speaking XUNA to a test server, offering subprotocol {@code convai} as the published
 * client does. Pings go to their own queue and are answered automatically unless turned off; every other frame
 * is read in order with {@link #next()} or checked with {@link #await(String)}.
 */
public final class XunaTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> pings = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private volatile boolean answerPings = true;
    private Session session;

    private XunaTestClient() {
    }

    /** Connects to {@code /v1/convai/conversation?query}. */
    public static XunaTestClient connect(int port, String query) {
        XunaTestClient client = new XunaTestClient();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("convai")).build();
        try {
            // a container per connection: one shared across test classes can be tied to executors of a stopped server
            WebSocketContainer container = ContainerProvider.getWebSocketContainer();
            client.session = container.connectToServer(client.endpoint(), config,
                    URI.create("ws://127.0.0.1:" + port + "/v1/convai/conversation?" + query));
            client.opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not connect to the test server", e);
        }
        return client;
    }

    /** Connects to the agent and initiates; returns the metadata frame. */
    public static XunaTestClient initiated(int port, String agentId) {
        XunaTestClient client = connect(port, "agent_id=" + agentId);
        client.send("{\"type\":\"conversation_initiation_client_data\"}");
        client.await("conversation_initiation_metadata");
        return client;
    }

    private Endpoint endpoint() {
        return new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, XunaTestClient.this::received);
                opened.complete(session);
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }
        };
    }

    private void received(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("The server sent invalid JSON: " + text, e);
        }
        if ("ping".equals(frame.path("type").asText())) {
            pings.add(frame);
            if (answerPings) {
                send("{\"type\":\"pong\",\"event_id\":" + frame.path("ping_event").path("event_id").asLong() + "}");
            }
        } else {
            frames.add(frame);
        }
    }

    public void answerPings(boolean answer) {
        answerPings = answer;
    }

    public String subprotocol() {
        return session.getNegotiatedSubprotocol();
    }

    public void send(String frame) {
        try {
            session.getBasicRemote().sendText(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.RejectedExecutionException closedByServer) {
            // Tyrus' client shuts a container's executor down once its only session closed: the server closed this
            // connection, which the test learns from its close reason
        }
    }

    public void sendBinary(byte[] frame) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.RejectedExecutionException closedByServer) {
            // as in send(): the server already closed this connection
        }
    }

    public void userMessage(String text) {
        send(JSON.createObjectNode().put("type", "user_message").put("text", text).toString());
    }

    /** The next frame that is not a ping; fails after 5 s. */
    public JsonNode next() {
        return poll(frames, "frame");
    }

    private static JsonNode poll(BlockingQueue<JsonNode> queue, String what) {
        try {
            JsonNode frame = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No " + what + " within " + WAIT.toSeconds() + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, which must be of {@code type}. */
    public JsonNode await(String type) {
        JsonNode frame = next();
        assertEquals(type, frame.path("type").asText(), () -> "Expected a " + type + " frame, got " + frame);
        return frame;
    }

    /** The next frame of {@code type}, skipping others (for streams whose interleaving is not the point). */
    public JsonNode skipTo(String type) {
        for (int i = 0; i < 1_000; i++) {
            JsonNode frame = next();
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
        throw new AssertionError("No " + type + " frame among the next 1000");
    }

    /** The text of the next {@code agent_response}, skipping the streamed parts before it. */
    public String agentResponse() {
        return skipTo("agent_response").path("agent_response_event").path("agent_response").asText();
    }

    public JsonNode nextPing() {
        return poll(pings, "ping");
    }

    /** Frames up to and including the first that {@code last} accepts; fails after {@code seconds}. */
    public List<JsonNode> collectUntil(java.util.function.Predicate<JsonNode> last, int seconds) {
        List<JsonNode> collected = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonNode frame;
            try {
                frame = frames.poll(100, TimeUnit.MILLISECONDS);
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
        List<JsonNode> collected = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(quietMillis, TimeUnit.MILLISECONDS);
            if (frame == null) {
                return collected;
            }
            collected.add(frame);
        }
        return collected;
    }

    /** Forgets the pings received so far; returns how many there were. */
    public int drainPings() {
        List<JsonNode> received = new java.util.ArrayList<>();
        pings.drainTo(received);
        return received.size();
    }

    /** Asserts that no non-ping frame arrives within {@code quiet}. */
    public void expectSilence(Duration quiet) throws InterruptedException {
        JsonNode frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(frame, () -> "Expected no frame, got " + frame);
    }

    /** Frames received so far and not yet read, pings excluded. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new java.util.ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    /** How the server closed the connection; fails after 5 s. */
    public CloseReason awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The server did not close the connection within 5 s", e);
        }
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "test done"));
            }
        } catch (IOException ignored) {
            // the server may already have closed it
        }
    }
}
