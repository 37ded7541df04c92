package dev.parley.runtime.standalone;

import jakarta.websocket.server.ServerApplicationConfig;

/**
 * Benchmarks only: runs any {@link ServerApplicationConfig} on exactly the container Parley's standalone launcher
 * uses ({@link BoundTyrusContainer}: Tyrus on one Grizzly listener, worker-thread I/O strategy, same incoming
 * buffer), so the hand-written baseline endpoint and Parley differ only above the Jakarta WebSocket API.
 *
 * <p>It lives in the launcher's package (a split package, fine on the class path) because the container is
 * package-private; nothing here is part of Parley.
 */
public final class BenchContainer implements AutoCloseable {
    private final BoundTyrusContainer container;

    private BenchContainer(BoundTyrusContainer container) {
        this.container = container;
    }

    /** Starts {@code application} on {@code host:port} (0 picks a free port). */
    public static BenchContainer start(ServerApplicationConfig application, String host, int port, int incomingBufferSize)
            throws Exception {
        BoundTyrusContainer container = new BoundTyrusContainer(application, host, incomingBufferSize);
        container.start(port);
        return new BenchContainer(container);
    }

    public int port() {
        return container.getPort();
    }

    @Override
    public void close() {
        container.stop();
    }
}
