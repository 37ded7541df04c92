package dev.parley.runtime.standalone;

import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 (its EE10 Jakarta WebSocket implementation) on one connector bound to one address: the standalone
 * launcher's second container ({@code parley.container=jetty}). Jetty unmasks client frames a word at a time and
 * runs a read, the frame's decoding and the endpoint on one thread when it can, which makes it cheaper per audio
 * frame than Tyrus on Grizzly (docs/performance.md). Jetty is an optional dependency of the runtime: an application
 * that selects it adds {@code org.eclipse.jetty.ee10.websocket:jetty-ee10-websocket-jakarta-server}.
 */
final class JettyContainer implements StandaloneContainer {
    private final Server server;
    private final ServerConnector connector;

    private JettyContainer(ServerApplicationConfig application, String host, int incomingBufferSize) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("parley-jetty");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(host);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(incomingBufferSize);
            container.setDefaultMaxBinaryMessageBufferSize(incomingBufferSize);
            // as on Tyrus: no idle timeout of the container's own (Jetty's is 30 s); each dialect keeps its
            // connections alive or ends them by its own rules (pings, session limits)
            container.setDefaultMaxSessionIdleTimeout(0);
            // as Tyrus' standalone server does: nothing is scanned, the application lists its endpoints
            for (ServerEndpointConfig endpoint : application.getEndpointConfigs(Set.of())) {
                container.addEndpoint(endpoint);
            }
            for (Class<?> annotated : application.getAnnotatedEndpointClasses(Set.of())) {
                container.addEndpoint(annotated);
            }
        });
    }

    /** A Jetty container, or a clear failure when Jetty is not on the class path. */
    static JettyContainer create(ServerApplicationConfig application, String host, int incomingBufferSize) {
        try {
            return new JettyContainer(application, host, incomingBufferSize);
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException("parley.container=jetty needs Jetty on the class path: add "
                    + "org.eclipse.jetty.ee10.websocket:jetty-ee10-websocket-jakarta-server (12.1) to the application, "
                    + "or leave parley.container at tyrus (missing: " + missing.getMessage() + ")", missing);
        }
    }

    @Override
    public void start(int port) throws Exception {
        connector.setPort(port);
        server.start();
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stopAccepting() {
        connector.close();
    }

    @Override
    public void stop() {
        try {
            server.stop();
        } catch (Exception failure) {
            throw new IllegalStateException("Jetty did not stop cleanly", failure);
        }
    }
}
