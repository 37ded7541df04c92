package dev.parley.runtime.endpoint;

import dev.parley.api.spi.Dialect;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.Handshake;
import dev.parley.runtime.ParleyRuntime;
import dev.parley.runtime.session.LiveConnections;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * One WebSocket connection in one dialect: hands frames to the dialect's connection, on the container's thread.
 * Public only because containers call endpoint methods reflectively.
 */
public final class DialectEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(DialectEndpoint.class.getName());

    private final ParleyRuntime runtime;
    private final Dialect dialect;
    private static final int MESSAGE_TOO_BIG = 1009;

    private ConnectionContext context;
    private DialectConnection connection;
    private int maxFrameBytes;

    DialectEndpoint(ParleyRuntime runtime, Dialect dialect) {
        this.runtime = runtime;
        this.dialect = dialect;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        maxFrameBytes = runtime.settings().getInt("parley.max-frame-bytes", 1 << 20);
        // Parley checks the limit itself (below), so a client gets the same close reason on every container; the
        // container's own limit, twice that, only stops a far larger message before it is buffered whole
        session.setMaxTextMessageBufferSize(2 * maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(2 * maxFrameBytes);
        WebSocketClientLink link = new WebSocketClientLink(session,
                runtime.settings().getInt("parley.max-queued-bytes", 4 << 20),
                runtime.settings().getDuration("parley.send-timeout", java.time.Duration.ofSeconds(10)).toMillis());
        context = new ConnectionContext(runtime, dialect, handshake(session, config), link);
        if (!runtime.connections().admit(context)) {
            // the server is draining: this client should connect to another instance
            link.close(LiveConnections.GOING_AWAY, LiveConnections.GOING_AWAY_REASON);
            return;
        }
        connection = dialect.connect(context);
        session.addMessageHandler(String.class, this::onText);
        session.addMessageHandler(ByteBuffer.class, this::onBinary);
    }

    private void onText(String frame) {
        // a UTF-8 frame has at least as many bytes as chars: a cheap check that never lets a large one through
        if (frame.length() > maxFrameBytes || frame.length() * 3L > maxFrameBytes
                && frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxFrameBytes) {
            tooBig(frame.length());
            return;
        }
        connection.onText(frame);
    }

    private void onBinary(ByteBuffer frame) {
        if (frame.remaining() > maxFrameBytes) {
            tooBig(frame.remaining());
            return;
        }
        connection.onBinary(frame);
    }

    private void tooBig(int size) {
        context.client().close(MESSAGE_TOO_BIG, "A frame of " + size + " bytes exceeds the limit of " + maxFrameBytes);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        context.closed();
        // a dialect may refuse the connection inside connect(); a container could report that close before it returns
        if (connection != null) {
            connection.onClosed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.DEBUG, "WebSocket error in dialect " + dialect.id(), failure);
    }

    @SuppressWarnings("unchecked")
    private static Handshake handshake(Session session, EndpointConfig config) {
        Object headers = config.getUserProperties().get(DialectConfigurator.HEADERS);
        return new Handshake(session.getRequestURI().getPath(), Map.copyOf(session.getPathParameters()),
                Map.copyOf(session.getRequestParameterMap()),
                headers instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of(),
                session.getNegotiatedSubprotocol() == null ? "" : session.getNegotiatedSubprotocol(), "");
    }
}
