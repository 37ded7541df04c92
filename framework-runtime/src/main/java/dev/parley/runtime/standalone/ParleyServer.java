package dev.parley.runtime.standalone;

import dev.parley.runtime.ParleyRuntime;
import dev.parley.runtime.endpoint.ParleyServerApplicationConfig;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Runs Parley without an application server: Weld SE for CDI, Tyrus on Grizzly (or Jetty or Undertow,
 * {@code parley.container}) for WebSocket, bound to exactly the host and port given. Every {@code @VoiceAgent} on the
 * classpath is served in its dialects.
 *
 * <pre>{@code
 * try (ParleyServer server = ParleyServer.start(ServerOptions.parse(args))) { ... }
 * }</pre>
 */
public final class ParleyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParleyServer.class.getName());

    private final WeldContainer cdi;
    private final ParleyRuntime runtime;
    private final StandaloneContainer container;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ParleyServer(WeldContainer cdi, ParleyRuntime runtime, StandaloneContainer container, String host) {
        this.cdi = cdi;
        this.runtime = runtime;
        this.container = container;
        this.host = host;
    }

    public static ParleyServer start(ServerOptions options) {
        // our shutdown hook closes sessions first, then CDI; Weld's own hook would race it
        WeldContainer cdi = new Weld().property("org.jboss.weld.se.archive.isolation", false).skipShutdownHook().initialize();
        ParleyRuntime runtime = null;
        try {
            runtime = ParleyRuntime.start(options.settings(), Thread.currentThread().getContextClassLoader());
            StandaloneContainer container = StandaloneContainer.create(new ParleyServerApplicationConfig(), options.host(),
                    runtime.settings());
            container.start(options.port());
            ParleyServer server = new ParleyServer(cdi, runtime, container, options.host());
            LOG.log(Level.INFO, "Parley listens on {0}:{1,number,#} with agents {2}", options.host(), server.port(),
                    runtime.agents().keySet());
            return server;
        } catch (Exception | LinkageError failure) {
            if (runtime != null) {
                runtime.close();
            }
            cdi.shutdown();
            throw new IllegalStateException("Parley could not start on " + options.host() + ":" + options.port() + ": "
                    + failure.getMessage(), failure);
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return container.port();
    }

    public String host() {
        return host;
    }

    public ParleyRuntime runtime() {
        return runtime;
    }

    /**
     * Drains the server before it stops: the listening socket is closed at once (new clients are refused), each live
     * conversation finishes the reply it is giving, for at most {@code timeout}, and saves its history; then its
     * connection is closed with 1001 (going away) so the client continues the conversation on another instance that
     * shares the store ({@code parley.store=redis}). Blocks until done. The server still has to be {@linkplain #close()
     * closed}.
     *
     * @return whether every connection was closed without being cut off by the timeout
     */
    public boolean drain(Duration timeout) {
        container.stopAccepting();
        return runtime.drain(timeout);
    }

    /** Drains (for at most {@code parley.drain-timeout}), then stops everything. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            drain(runtime.drainTimeout());
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "Draining failed; stopping anyway", failure);
        }
        container.stop();
        runtime.close();
        if (cdi.isRunning()) {
            cdi.shutdown();
        }
    }

    /** Starts the server and keeps it running until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException wrongArguments) {
            System.err.println(wrongArguments.getMessage());
            System.exit(2);
            return;
        }
        ParleyServer server = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM (a rolling deployment) or Ctrl+C: drain, so clients continue their conversations elsewhere
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        System.out.println("Parley is listening on ws://" + server.host() + ":" + server.port() + " (Ctrl+C stops it)");
        stopped.await();
    }
}
