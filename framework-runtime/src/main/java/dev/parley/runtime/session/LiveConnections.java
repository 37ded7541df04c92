package dev.parley.runtime.session;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections a runtime serves, so that an instance being shut down can drain: refuse new connections, let
 * each live one finish the reply it is giving, then close it as "going away" (1001) so its client continues the
 * conversation on another instance (with a shared store, see docs/configuration.md).
 */
public final class LiveConnections {
    private static final System.Logger LOG = System.getLogger(LiveConnections.class.getName());
    /** WebSocket close code 1001: the server is going away. */
    public static final int GOING_AWAY = 1001;
    public static final String GOING_AWAY_REASON = "The server is shutting down; continue the conversation on another";
    /** How long closing handshakes may take after the drain timeout before the connections are left to the container. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** One connection, as draining needs it. */
    public interface Connection {
        /** Completes when the connection can be closed without cutting its agent off ({@link ConversationSession#whenQuiet()}). */
        CompletionStage<Void> whenQuiet();

        /** Ends the conversation as the server's shutdown and closes the connection with {@link #GOING_AWAY}. */
        void goAway();

        /** Completes when the connection has closed, however it closed. */
        CompletionStage<Void> whenClosed();
    }

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** Tracks a new connection; false when the runtime is draining and the connection must be refused. */
    public boolean admit(Connection connection) {
        open.add(connection);
        if (draining) {
            open.remove(connection);
            return false;
        }
        return true;
    }

    /** The connection closed. */
    public void remove(Connection connection) {
        open.remove(connection);
    }

    public boolean draining() {
        return draining;
    }

    public int size() {
        return open.size();
    }

    /**
     * Refuses new connections from now on, lets every open one finish its agent's reply (for at most {@code timeout}),
     * then closes it with 1001, and waits for the closes (at most {@link #CLOSE_GRACE} more).
     *
     * @return whether every connection was quiet before the timeout and closed in time
     */
    public boolean drain(Duration timeout) {
        draining = true;
        long start = System.nanoTime();
        List<Connection> live = List.copyOf(open);
        AtomicInteger cutOff = new AtomicInteger();
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (Connection connection : live) {
            CompletableFuture<Void> closed = connection.whenClosed().toCompletableFuture();
            CompletableFuture.anyOf(connection.whenQuiet().toCompletableFuture(), closed)
                    .thenApply(quiet -> true)
                    .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenAccept(quiet -> {
                        if (!quiet) {
                            cutOff.incrementAndGet();
                        }
                        goAway(connection);
                    });
            closes.add(closed);
        }
        boolean allClosed = await(CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)),
                timeout.plus(CLOSE_GRACE).toNanos() - (System.nanoTime() - start));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!live.isEmpty()) {
            LOG.log(allClosed && cutOff.get() == 0 ? Level.INFO : Level.WARNING, "Drained {0} connections in {1} ms: {2} "
                    + "cut off by the drain timeout of {3} ms, {4} not closed in time", live.size(), millis, cutOff.get(),
                    timeout.toMillis(), closes.stream().filter(close -> !close.isDone()).count());
        }
        return allClosed && cutOff.get() == 0;
    }

    private static void goAway(Connection connection) {
        try {
            connection.goAway();
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "Closing a connection while draining failed", failure);
        }
    }

    private static boolean await(CompletableFuture<Void> all, long nanos) {
        try {
            all.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
