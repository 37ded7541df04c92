package dev.parley.runtime.endpoint;

import dev.parley.runtime.ParleyRuntime;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Ties Parley to its application's life in a Jakarta EE server, registered by {@link ParleyServletInitializer}. The
 * standalone launcher has no servlet container and never loads it.
 *
 * <ul>
 * <li>When the application starts (its CDI container is up: listeners can be injected), Parley is started: the runtime
 * is made if the server has not registered the endpoints yet (Payara registers them later, WildFly earlier), and the
 * extension points the application may provide as CDI beans are resolved ({@link ParleyRuntime#resolveExtensions()}).
 * A missing speech engine then fails the deployment, and the first conversation does not wait for models to load.</li>
 * <li>When it stops (undeployed, or the server shuts down), live conversations are drained as on the standalone
 * launcher's shutdown ({@code parley.drain-timeout}; each connection is closed with 1001 so its client can continue
 * elsewhere) and the runtime is closed, so no worker or timer thread outlives the application. Only a runtime that
 * exists is stopped; none is made for it.</li>
 * </ul>
 */
public final class ParleyLifecycleListener implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(ParleyLifecycleListener.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ParleyRuntime runtime = ParleyRuntime.current();
        try {
            runtime.resolveExtensions();
        } catch (RuntimeException | LinkageError failure) {
            // the deployment fails, and a failed one may never see contextDestroyed: release what was started
            runtime.close();
            throw failure;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ParleyRuntime.running().ifPresent(runtime -> stop(runtime, application(event)));
    }

    private static void stop(ParleyRuntime runtime, String application) {
        long start = System.nanoTime();
        Duration timeout = runtime.drainTimeout();
        int live = runtime.connections().size();
        LOG.log(Level.INFO, "Parley is stopping with application {0}: draining {1} connections (at most {2,number,#} ms)",
                application, live, timeout.toMillis());
        boolean clean = false;
        try {
            clean = runtime.drain(timeout);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "Draining failed; stopping anyway", failure);
        } finally {
            runtime.close();
        }
        boolean ended = runtime.workers().isTerminated() && runtime.timer().isTerminated();
        LOG.log(clean && ended ? Level.INFO : Level.WARNING, "Parley stopped with application {0} in {1,number,#} ms: {2} "
                + "connections drained{3}, {4}", application, (System.nanoTime() - start) / 1_000_000, live,
                clean ? "" : " (some were cut off by the drain timeout)",
                ended ? "its threads ended" : "some of its threads are still running");
    }

    private static String application(ServletContextEvent event) {
        String path = event.getServletContext().getContextPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
