package dev.parley.runtime.standalone;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.IOStrategy;
import org.glassfish.grizzly.strategies.LeaderFollowerNIOStrategy;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus on a Grizzly listener bound to one address. Tyrus' own Grizzly container always binds 0.0.0.0,
 * which a server meant for 127.0.0.1 must not do; this is that container with the host honoured.
 */
final class BoundTyrusContainer extends TyrusServerContainer implements StandaloneContainer {
    private static final String CONTEXT_PATH = "/";

    private final String host;
    private final TyrusWebSocketEngine engine;
    private final IOStrategy ioStrategy;
    private HttpServer server;
    private NetworkListener listener;

    /** {@code ioStrategy}: a name {@link #ioStrategy(String)} knows ({@code parley.io-strategy}). */
    BoundTyrusContainer(ServerApplicationConfig application, String host, int incomingBufferSize, String ioStrategy) {
        super(application);
        this.host = host;
        this.ioStrategy = ioStrategy(ioStrategy);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, CONTEXT_PATH);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public void start(int port) throws IOException, DeploymentException {
        server = new HttpServer();
        listener = new NetworkListener("parley", host, port);
        server.addListener(listener);
        listener.getTransport().setIOStrategy(ioStrategy);
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(this, CONTEXT_PATH));
        server.start();
        super.start(CONTEXT_PATH, port);
    }

    /**
     * Grizzly's I/O strategy by name. {@code worker-thread}: a selector thread hands every read to a worker thread,
     * which decodes the frame and calls the endpoint. {@code same-thread}: the selector thread does it all (no
     * hand-off; anything slow in an endpoint then holds up every connection of that selector).
     * {@code leader-follower}: the selector thread processes the read and another takes over selecting.
     */
    static IOStrategy ioStrategy(String name) {
        return switch (name) {
            case "worker-thread" -> WorkerThreadIOStrategy.getInstance();
            case "same-thread" -> SameThreadIOStrategy.getInstance();
            case "leader-follower" -> LeaderFollowerNIOStrategy.getInstance();
            default -> throw new IllegalArgumentException("parley.io-strategy is worker-thread, same-thread or "
                    + "leader-follower, not '" + name + "'");
        };
    }

    /** No Tyrus-specific properties: everything is configured through Parley's settings. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of();
    }

    @Override
    public int getPort() {
        return listener != null && listener.getPort() > 0 ? listener.getPort() : -1;
    }

    @Override
    public int port() {
        return getPort();
    }

    @Override
    public void stopAccepting() {
        if (listener != null) {
            listener.getTransport().unbindAll();
        }
    }

    @Override
    public void stop() {
        super.stop();
        if (server != null) {
            server.shutdownNow();
        }
    }
}
