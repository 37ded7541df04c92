package dev.parley.benchmarks.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The hand-written baseline: what a developer would write for an XUNA echo server directly on Jakarta WebSocket
 * with Jackson, doing the same work on the wire as Parley's echo agent. It selects {@code convai}, answers
 * {@code conversation_initiation_client_data} with {@code conversation_initiation_metadata}, decodes every
 * {@code user_audio_chunk} to PCM and sends it back as an {@code audio} event (base64, with an
 * {@code event_id}), pings every {@code pingMillis} and closes a session whose pongs stop. Frames are handled on
 * the container's thread and sent asynchronously (Tyrus serializes concurrent sends itself).
 *
 * <p>Two registrations of the same logic: {@link Programmatic} (an {@link Endpoint}, as Parley registers its own)
 * and {@link Annotated} (a {@code @ServerEndpoint}, which Tyrus calls reflectively).
 */
final class BaselineEcho {
    static final String PATH = "/v1/convai/conversation";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "baseline-timer");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    static volatile long pingMillis = 1_000;
    static volatile long pongTimeoutMillis = 20_000;

    private final Session session;
    private final SendHandler sent = result -> {
        if (!result.isOK()) {
            closeQuietly(1011, "send failed");
        }
    };
    private final long responseId = 1;
    private boolean started;
    private ScheduledFuture<?> pinger;
    private long lastPingId;
    private volatile long lastPingSentAt;
    private volatile long lastPongAt = System.nanoTime();
    private volatile long lastRoundTripMillis = -1;

    BaselineEcho(Session session) {
        this.session = session;
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
    }

    void onText(String frame) {
        JsonNode root;
        try {
            root = MAPPER.readTree(frame);
        } catch (JsonProcessingException malformed) {
            send(error("invalid_message", "Malformed JSON"));
            return;
        }
        JsonNode chunk = root.get("user_audio_chunk");
        if (chunk != null) {
            echo(chunk);
            return;
        }
        switch (root.path("type").asText()) {
            case "conversation_initiation_client_data" -> start();
            case "audio" -> echo(root.path("audio_event").get("audio_base_64"));
            case "pong" -> pong(root.path("event_id").asLong(-1));
            default -> {
                // user_activity, feedback ...: nothing to do for an echo
            }
        }
    }

    private void echo(JsonNode base64) {
        if (base64 == null || !base64.isTextual()) {
            send(error("invalid_audio", "user_audio_chunk must be a base64 string"));
            return;
        }
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(base64.textValue());
        } catch (IllegalArgumentException notBase64) {
            send(error("invalid_audio", "not base64"));
            return;
        }
        if (!started) {
            start();
        }
        ObjectNode frame = MAPPER.createObjectNode().put("type", "audio");
        frame.putObject("audio_event").put("audio_base_64", pcm).put("event_id", responseId);
        send(write(frame));
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        ObjectNode frame = MAPPER.createObjectNode().put("type", "conversation_initiation_metadata");
        frame.putObject("conversation_initiation_metadata_event")
                .put("conversation_id", "conv_" + HexFormat.of().formatHex(id))
                .put("agent_output_audio_format", "pcm_16000")
                .put("user_input_audio_format", "pcm_16000");
        send(write(frame));
        lastPongAt = System.nanoTime();
        pinger = TIMER.scheduleAtFixedRate(this::ping, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
    }

    private void ping() {
        long now = System.nanoTime();
        if (now - lastPongAt > TimeUnit.MILLISECONDS.toNanos(pongTimeoutMillis)) {
            closeQuietly(1008, "No pong");
            return;
        }
        long id;
        synchronized (this) {
            id = ++lastPingId;
        }
        lastPingSentAt = now;
        ObjectNode frame = MAPPER.createObjectNode().put("type", "ping");
        ObjectNode event = frame.putObject("ping_event").put("event_id", id);
        if (lastRoundTripMillis >= 0) {
            event.put("ping_ms", lastRoundTripMillis);
        }
        send(write(frame));
    }

    private void pong(long eventId) {
        long now = System.nanoTime();
        long last;
        synchronized (this) {
            last = lastPingId;
        }
        if (eventId < 1 || eventId > last) {
            return;
        }
        lastPongAt = now;
        if (eventId == last) {
            lastRoundTripMillis = TimeUnit.NANOSECONDS.toMillis(now - lastPingSentAt);
        }
    }

    void onClose() {
        ScheduledFuture<?> timer = pinger;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void send(String text) {
        if (session.isOpen()) {
            session.getAsyncRemote().sendText(text, sent);
        }
    }

    private void closeQuietly(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException alreadyClosed) {
            // nothing left to do
        }
    }

    private static String error(String type, String message) {
        ObjectNode frame = MAPPER.createObjectNode().put("type", "error");
        frame.putObject("error_event").put("error_type", type).put("message", message);
        return write(frame);
    }

    private static String write(ObjectNode frame) {
        try {
            return MAPPER.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The baseline as a programmatic endpoint (the way Parley registers its dialect endpoints). */
    public static final class Programmatic extends Endpoint {
        private BaselineEcho echo;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            echo = new BaselineEcho(session);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) echo::onText);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            echo.onClose();
        }
    }

    /** The baseline as an annotated endpoint (Tyrus invokes these methods reflectively). */
    @ServerEndpoint(value = PATH, subprotocols = "convai")
    public static final class Annotated {
        private BaselineEcho echo;

        @OnOpen
        public void open(Session session) {
            echo = new BaselineEcho(session);
        }

        @OnMessage
        public void message(String frame) {
            echo.onText(frame);
        }

        @OnClose
        public void close() {
            echo.onClose();
        }
    }

    /** Registers one of the two forms at {@link #PATH}. */
    static ServerApplicationConfig application(boolean annotated) {
        return new ServerApplicationConfig() {
            @Override
            public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
                return annotated ? Set.of() : Set.of(ServerEndpointConfig.Builder.create(Programmatic.class, PATH)
                        .subprotocols(List.of("convai"))
                        .build());
            }

            @Override
            public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
                return annotated ? Set.of(Annotated.class) : Set.of();
            }
        };
    }
}
