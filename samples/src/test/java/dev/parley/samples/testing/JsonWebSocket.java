package dev.parley.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * A client for dialects whose frames are JSON text, on the JDK's own WebSocket ({@link java.net.http.WebSocket}), so it
 * shares nothing with the server under test. Frames are read in arrival order with {@link #next()} and its helpers,
 * except those a dialect client answers on arrival (XUNA's pings); sends are queued one after another. Every wait is
 * bounded by {@link #WAIT}.
 */
public final class JsonWebSocket implements AutoCloseable {
    /** How long any single wait may take. */
    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the connection was closed (by either side); code -1 when it broke without a close frame. */
    public record Close(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final BiPredicate<JsonWebSocket, JsonNode> answeredOnArrival;
    private WebSocket socket;
    /** Sends are chained: the JDK's WebSocket allows only one outstanding send at a time. */
    private CompletableFuture<WebSocket> sending;

    private JsonWebSocket(BiPredicate<JsonWebSocket, JsonNode> answeredOnArrival) {
        this.answeredOnArrival = answeredOnArrival;
    }

    /**
     * Opens {@code uri} offering these subprotocols.
     *
     * @param answeredOnArrival called on the receiving thread for every frame; true keeps the frame out of
     *                          {@link #next()} (it was dealt with, as a XUNA client answers a ping)
     */
    public static JsonWebSocket connect(URI uri, List<String> subprotocols, BiPredicate<JsonWebSocket, JsonNode> answeredOnArrival) {
        JsonWebSocket client = new JsonWebSocket(answeredOnArrival);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            client.socket = builder.buildAsync(uri, client.new Listener()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not connect to " + uri, e);
        }
        client.sending = CompletableFuture.completedFuture(client.socket);
        return client;
    }

    /** The subprotocol the server selected ("" for none). */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends one text frame and waits (bounded) until it is written. */
    public void send(String frame) {
        try {
            sendLater(frame).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send " + frame, e);
        }
    }

    /** Queues one text frame behind those being sent; completes when it is written. */
    public synchronized CompletableFuture<WebSocket> sendLater(String frame) {
        sending = sending.thenCompose(ws -> ws.sendText(frame, true));
        return sending;
    }

    /** The next frame; fails after {@link #WAIT}. */
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
        List<JsonNode> frames = upTo(type);
        return frames.get(frames.size() - 1);
    }

    /** The frames in arrival order up to and including the next one of {@code type}, which is at most the 100th. */
    public List<JsonNode> upTo(String type) {
        List<JsonNode> skipped = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            JsonNode frame = next();
            skipped.add(frame);
            if (type.equals(frame.path("type").asText())) {
                return skipped;
            }
        }
        throw new AssertionError("No " + type + " frame among the next 100: " + skipped.stream().map(f -> f.path("type").asText()).toList());
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
        return awaitClose(WAIT);
    }

    /** How the connection ended; fails if it is still open after {@code limit}. */
    public Close awaitClose(Duration limit) {
        try {
            return closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The connection did not close within " + limit.toSeconds() + " s", e);
        }
    }

    /** Ends the conversation as published clients do (close 1000) and returns how the server answered. */
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
        if (!answeredOnArrival.test(this, frame)) {
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
            problems.add("binary frame of " + data.remaining() + " bytes (the dialect's frames are JSON text)");
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
