package dev.parley.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A XUNA client on the JDK's own WebSocket ({@link java.net.http.WebSocket}), offering subprotocol
 * {@code convai} as the published client does. Pings are answered at once with a pong and kept apart;
 * every other frame is read in arrival order with {@link #next()} and its helpers. Every wait is bounded.
 */
public final class XunaClient implements AutoCloseable {
    /** How long any single wait may take. */
    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the connection was closed (by either side). */
    public record Close(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> pings = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger pongsSent = new AtomicInteger();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    /** Sends are chained: the JDK's WebSocket allows only one outstanding send at a time. */
    private CompletableFuture<WebSocket> sending;

    private XunaClient() {
    }

    /** Opens {@code ws://127.0.0.1:port/v1/convai/conversation?agent_id=...}, offering subprotocol {@code convai}. */
    public static XunaClient connect(int port, String agentId) {
        XunaClient client = new XunaClient();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/v1/convai/conversation?agent_id="
                + URLEncoder.encode(agentId, StandardCharsets.UTF_8));
        try {
            client.socket = HTTP.newWebSocketBuilder()
                    .subprotocols("convai")
                    .connectTimeout(WAIT)
                    .buildAsync(uri, client.new Listener())
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not connect to " + uri, e);
        }
        client.sending = CompletableFuture.completedFuture(client.socket);
        return client;
    }

    /** The subprotocol the server selected. */
    public String subprotocol() {
        return socket.getSubprotocol();
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
        try {
            enqueue(frame).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send " + frame, e);
        }
    }

    private synchronized CompletableFuture<WebSocket> enqueue(String frame) {
        sending = sending.thenCompose(ws -> ws.sendText(frame, true));
        return sending;
    }

    /** The next frame that is not a ping; fails after {@link #WAIT}. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within " + WAIT.toSeconds() + " s" + problemsSoFar());
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

    /** The next frame of {@code type}, skipping up to 100 others. */
    public JsonNode skipTo(String type) {
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            JsonNode frame = next();
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
            skipped.add(frame.path("type").asText());
        }
        throw new AssertionError("No " + type + " frame among the next 100: " + skipped);
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
        return !closed.isDone() && !socket.isInputClosed() && !socket.isOutputClosed();
    }

    /** Anything that went wrong on the receiving side (binary frames, invalid JSON, transport errors). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** How the connection ended; fails if it is still open after {@link #WAIT}. */
    public Close awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The connection did not close within " + WAIT.toSeconds() + " s", e);
        }
    }

    /** Ends the conversation as the published client does (close 1000) and returns how the server answered. */
    public Close end() {
        closeQuietly();
        return awaitClose();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** Sends close 1000 unless already sent, waits (bounded) for the server's close, and aborts if it does not come. */
    private void closeQuietly() {
        try {
            CompletableFuture<WebSocket> closing;
            synchronized (this) {
                sending = sending.handle((ws, failure) -> socket)
                        .thenCompose(ws -> ws.isOutputClosed() ? CompletableFuture.completedFuture(ws)
                                : ws.sendClose(WebSocket.NORMAL_CLOSURE, "User ended conversation"));
                closing = sending;
            }
            closing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
        } catch (Exception e) {
            socket.abort();
        }
    }

    private String problemsSoFar() {
        return problems.isEmpty() ? "" : "; problems: " + problems;
    }

    private void received(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            problems.add("invalid JSON: " + text);
            return;
        }
        if ("ping".equals(frame.path("type").asText())) {
            pings.add(frame);
            long eventId = frame.path("ping_event").path("event_id").asLong();
            enqueue("{\"type\":\"pong\",\"event_id\":" + eventId + "}").thenRun(pongsSent::incrementAndGet);
        } else {
            frames.add(frame);
        }
    }

    /** Receives one frame at a time; text frames may arrive in several parts. */
    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            problems.add("binary frame of " + data.remaining() + " bytes (XUNA is JSON text)");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            problems.add("transport error: " + error);
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
