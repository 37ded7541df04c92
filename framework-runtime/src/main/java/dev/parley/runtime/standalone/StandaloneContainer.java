package dev.parley.runtime.standalone;

import dev.parley.runtime.config.Settings;
import jakarta.websocket.server.ServerApplicationConfig;

/**
 * The Jakarta WebSocket container under the standalone launcher, chosen by {@code parley.container}: Tyrus on
 * Grizzly ({@code tyrus}, the default), Jetty ({@code jetty}) or Undertow ({@code undertow}), the last two optional
 * dependencies. Parley's endpoints use only the {@code jakarta.websocket} API, so all run them alike; they differ
 * in cost per frame
 * (docs/performance.md). Whichever it is, it binds exactly the host given and can stop accepting while its
 * connections go on (a drain).
 */
interface StandaloneContainer {

    /** Starts serving on {@code port} (0 picks a free one). */
    void start(int port) throws Exception;

    /** The port actually bound, or -1 before {@link #start(int)}. */
    int port();

    /** Closes the listening socket, so new clients are refused (and a load balancer moves on), while open connections go on. */
    void stopAccepting();

    /** Closes every connection and stops. */
    void stop();

    /**
     * The container {@code settings} name ({@code parley.container}, {@code parley.io-strategy},
     * {@code parley.undertow.*}, {@code parley.max-frame-bytes}), serving {@code application} on {@code host}.
     */
    static StandaloneContainer create(ServerApplicationConfig application, String host, Settings settings) {
        // the container's own buffer holds a whole frame plus what arrives behind it; Parley checks the frame limit
        int incomingBuffer = 2 * settings.getInt("parley.max-frame-bytes", 1 << 20);
        String name = settings.get("parley.container", "tyrus");
        return switch (name) {
            case "tyrus" -> new BoundTyrusContainer(application, host, incomingBuffer,
                    settings.get("parley.io-strategy", "worker-thread"));
            case "jetty" -> JettyContainer.create(application, host, incomingBuffer);
            case "undertow" -> UndertowContainer.create(application, host, incomingBuffer,
                    settings.getInt("parley.undertow.io-threads", 0),
                    settings.getSwitch("parley.undertow.dispatch-to-worker", false));
            default -> throw new IllegalArgumentException("parley.container is tyrus, jetty or undertow, not '" + name + "'");
        };
    }
}
