package dev.parley.runtime.standalone;

import dev.parley.runtime.config.Settings;
import jakarta.websocket.server.ServerApplicationConfig;
import java.util.Map;

/**
 * Benchmarks only: runs any {@link ServerApplicationConfig} on exactly the container Parley's standalone launcher
 * would run with the same settings ({@link StandaloneContainer#create}: Tyrus on one Grizzly listener with its I/O
 * strategy, or Jetty; the same incoming buffer), so the hand-written baseline endpoint and Parley differ only above
 * the Jakarta WebSocket API.
 *
 * <p>It lives in the launcher's package (a split package, fine on the class path) because the containers are
 * package-private: they are the launcher's implementation, not an API.
 */
public final class BenchContainer implements AutoCloseable {
    private final StandaloneContainer container;

    private BenchContainer(StandaloneContainer container) {
        this.container = container;
    }

    /** Starts {@code application} on {@code host:port} (0 picks a free port) with the launcher's {@code settings}. */
    public static BenchContainer start(ServerApplicationConfig application, String host, int port, Map<String, String> settings)
            throws Exception {
        StandaloneContainer container = StandaloneContainer.create(application, host, new Settings(settings::get, Map.of()));
        container.start(port);
        return new BenchContainer(container);
    }

    public int port() {
        return container.port();
    }

    @Override
    public void close() {
        container.stop();
    }
}
