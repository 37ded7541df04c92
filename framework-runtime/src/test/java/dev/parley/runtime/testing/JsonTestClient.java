package dev.parley.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A real WebSocket client (Tyrus) for dialects whose server frames are JSON text: frames arrive in a
 * {@link FrameQueue} (or a second one, for frames a test reads apart, such as audio), every wait is bounded.
 * Dialect test clients wrap it with their protocol's messages; {@link #to(URI)} sets up what some of them need
 * (subprotocols, a look at each frame as it arrives, to answer it or check it).
 */
public final class JsonTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int CONNECT_ATTEMPTS = 3;

    private final FrameQueue frames = new FrameQueue();
    private final FrameQueue apart = new FrameQueue();
    private final Predicate<JsonNode> readApart;
    private final BiConsumer<JsonTestClient, JsonNode> onFrame;
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private volatile AssertionError invalid;
    private volatile Session session;

    private JsonTestClient(Predicate<JsonNode> readApart, BiConsumer<JsonTestClient, JsonNode> onFrame) {
        this.readApart = readApart;
        this.onFrame = onFrame;
    }

    /**
     * Connects to {@code uri} with these request headers.
     *
     * @param readApart frames that go to {@link #apart()} instead of {@link #frames()}
     */
    public static JsonTestClient connect(URI uri, Map<String, String> headers, Predicate<JsonNode> readApart) {
        return to(uri).headers(headers).readApart(readApart).connect();
    }

    /** A connection to {@code uri}, to be set up and then {@link Connector#connect() made}. */
    public static Connector to(URI uri) {
        return new Connector(uri);
    }

    /** What to connect with: request headers, subprotocols offered, frames read apart, a look at each frame. */
    public static final class Connector {
        private final URI uri;
        private Map<String, String> headers = Map.of();
        private List<String> subprotocols = List.of();
        private Predicate<JsonNode> readApart = frame -> false;
        private BiConsumer<JsonTestClient, JsonNode> onFrame = (client, frame) -> { };

        private Connector(URI uri) {
            this.uri = uri;
        }

        public Connector headers(Map<String, String> headers) {
            this.headers = new LinkedHashMap<>(headers);
            return this;
        }

        /** The subprotocols the client offers, in its order of preference. */
        public Connector subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /** Frames that go to {@link #apart()} instead of {@link #frames()}. */
        public Connector readApart(Predicate<JsonNode> readApart) {
            this.readApart = readApart;
            return this;
        }

        /**
         * Sees each frame as it arrives, before it is queued (it may answer it through the client it is given). An
         * {@link AssertionError} it throws fails the next read; the frame is queued all the same.
         */
        public Connector onFrame(BiConsumer<JsonTestClient, JsonNode> onFrame) {
            this.onFrame = onFrame;
            return this;
        }

        public JsonTestClient connect() {
            JsonTestClient client = new JsonTestClient(readApart, onFrame);
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(subprotocols)
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> request) {
                            headers.forEach((name, value) -> request.put(name, List.of(value)));
                        }
                    }).build();
            for (int attempt = 1; ; attempt++) {
                try {
                    // Tyrus' client by name (Jetty's is on the class path too); a container per connection: one shared
                    // across test classes can be tied to executors of a stopped server
                    ClientManager.createClient().connectToServer(client.endpoint(), config, uri);
                    client.opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return client;
                } catch (DeploymentException e) {
                    // Tyrus' Grizzly client sometimes loses a connect on a starved machine ("connection is null");
                    // the handshake is not what these tests test, so it gets two more tries
                    if (attempt == CONNECT_ATTEMPTS) {
                        throw new IllegalStateException("Could not connect to " + uri + " in " + attempt + " attempts", e);
                    }
                    sleep(200);
                } catch (Exception e) {
                    throw new IllegalStateException("Could not connect to " + uri, e);
                }
            }
        }
    }

    private Endpoint endpoint() {
        return new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                // set here, not from connectToServer's return: a frame may arrive (and be answered) before that returns
                JsonTestClient.this.session = session;
                session.addMessageHandler(String.class, JsonTestClient.this::received);
                opened.complete(session);
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }
        };
    }

    private void received(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            try {
                onFrame.accept(this, frame);
            } catch (AssertionError broken) {
                invalid = broken;
            }
            (readApart.test(frame) ? apart : frames).add(frame);
        } catch (IOException e) {
            invalid = new AssertionError("The server sent invalid JSON: " + text, e);
        }
    }

    /** Frames in arrival order, but those read apart. Fails if the server sent anything but JSON. */
    public FrameQueue frames() {
        assertValid();
        return frames;
    }

    public FrameQueue apart() {
        assertValid();
        return apart;
    }

    /** Fails if the server sent anything but JSON, or a frame the {@link Connector#onFrame look at frames} refused. */
    public void assertValid() {
        AssertionError broken = invalid;
        if (broken != null) {
            throw broken;
        }
    }

    public void send(String frame) {
        try {
            session.getBasicRemote().sendText(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RejectedExecutionException closedByServer) {
            // Tyrus' client shuts a container's executor down once its only session closed: the server closed this
            // connection, which the test learns from its close reason
        }
    }

    public void sendBinary(byte[] frame) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RejectedExecutionException closedByServer) {
            // as in send(): the server already closed this connection
        }
    }

    /** How the server closed the connection; fails after 5 s. */
    public CloseReason awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The server did not close the connection within 5 s; frames: " + frames.drain(), e);
        }
    }

    /** Asserts the server closed with {@code code} and {@code reason}. */
    public void assertClosed(int code, String reason) {
        CloseReason close = awaitClose();
        assertEquals(code + " " + reason, close.getCloseCode().getCode() + " " + close.getReasonPhrase());
    }

    /** The subprotocol the server chose, empty if none. */
    public String subprotocol() {
        return session.getNegotiatedSubprotocol();
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
