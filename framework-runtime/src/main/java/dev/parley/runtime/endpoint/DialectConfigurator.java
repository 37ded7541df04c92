package dev.parley.runtime.endpoint;

import dev.parley.api.spi.Dialect;
import dev.parley.runtime.ParleyRuntime;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates each connection's endpoint with its dialect, and keeps the request headers (which a WebSocket
 * {@code Session} does not expose) for the connection's handshake.
 */
final class DialectConfigurator extends ServerEndpointConfig.Configurator {
    static final String HEADERS = "dev.parley.headers";

    private final ParleyRuntime runtime;
    private final Dialect dialect;

    DialectConfigurator(ParleyRuntime runtime, Dialect dialect) {
        this.runtime = runtime;
        this.dialect = dialect;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        config.getUserProperties().put(HEADERS, headers);
    }

    /** The first subprotocol the client offers that the dialect supports, in the client's order. */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String offered : requested) {
            if (supported.contains(offered)) {
                return offered;
            }
        }
        return "";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return (T) new DialectEndpoint(runtime, dialect);
    }
}
