package dev.parley.benchmarks.load;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The generator's WebSocket client, chosen with -Dbench.client: its own ({@code nio}, the default), the JDK's
 * ({@code jdk}) or Tyrus' ({@code tyrus}).
 */
interface Transport extends AutoCloseable {

    /** Opens a WebSocket offering subprotocol {@code convai}. */
    CompletableFuture<Link> connect(URI uri, Receiver receiver);

    @Override
    void close();

    /** One open connection. {@link #send} never blocks and may be called from any thread. */
    interface Link {
        void send(String text);

        /** A normal close (1000). */
        void close();

        /** Drops the connection without a closing handshake. */
        void abort();
    }

    /** Called on the transport's threads, one message at a time per connection. */
    interface Receiver {
        void onText(String text);

        void onClosed(int code, String reason);
    }

    static Transport create(String name, int threads) {
        return switch (name) {
            case "nio" -> new NioTransport();
            case "jdk" -> new JdkTransport(threads);
            case "tyrus" -> new TyrusTransport(threads);
            default -> throw new IllegalArgumentException("bench.client must be nio, jdk or tyrus, not " + name);
        };
    }
}
