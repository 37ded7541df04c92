package dev.parley.runtime.endpoint;

import dev.parley.api.spi.Dialect;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.Handshake;
import dev.parley.runtime.ParleyRuntime;
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
    private ConnectionContext context;
    private DialectConnection connection;

    DialectEndpoint(ParleyRuntime runtime, Dialect dialect) {
        this.runtime = runtime;
        this.dialect = dialect;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        int maxFrame = runtime.settings().getInt("parley.max-frame-bytes", 1 << 20);
        session.setMaxTextMessageBufferSize(maxFrame);
        session.setMaxBinaryMessageBufferSize(maxFrame);
        context = new ConnectionContext(runtime, dialect, handshake(session, config), new WebSocketClientLink(session));
        connection = dialect.connect(context);
        session.addMessageHandler(String.class, connection::onText);
        session.addMessageHandler(ByteBuffer.class, connection::onBinary);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        context.closed();
        connection.onClosed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
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
