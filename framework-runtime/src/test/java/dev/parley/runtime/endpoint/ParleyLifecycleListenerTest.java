package dev.parley.runtime.endpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.ParleyRuntime;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.session.LiveConnections;
import dev.parley.runtime.speech.SpeechEngineException;
import dev.parley.runtime.testing.ApplicationStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a Jakarta EE server's start and stop of the application do to Parley. The server's path reads the JVM's
 * settings: these tests set them as system properties, text only (no engines to load), and put them back after.
 */
class ParleyLifecycleListenerTest {
    private final ParleyLifecycleListener listener = new ParleyLifecycleListener();
    private final Map<String, String> replaced = new HashMap<>();

    @BeforeEach
    void textOnlyAndNoRuntimeLeftByAnotherTest() {
        ParleyRuntime.running().ifPresent(ParleyRuntime::close);
        setting("parley.speech", "off");
    }

    @AfterEach
    void restoreSettings() {
        ParleyRuntime.running().ifPresent(ParleyRuntime::close);
        replaced.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void theApplicationsStartResolvesTheExtensionsOfARuntimeRegisteredBeforeCdiWasUp() {
        ParleyRuntime registered = ParleyRuntime.current(); // WildFly registers the endpoints before CDI is up
        try (WeldContainer application = applicationWithItsOwnStore()) {
            listener.contextInitialized(event());
        }
        // looked up while the container ran, and kept
        assertInstanceOf(ApplicationStore.class, registered.store());
        assertSame(registered, ParleyRuntime.running().orElseThrow());
    }

    @Test
    void theApplicationsStartMakesTheRuntimeWhenTheServerRegistersTheEndpointsAfterwards() {
        try (WeldContainer application = applicationWithItsOwnStore()) {
            listener.contextInitialized(event()); // Payara registers them after the listeners ran
        }
        ParleyRuntime started = ParleyRuntime.running().orElseThrow();
        assertInstanceOf(ApplicationStore.class, started.store());
        assertSame(started, ParleyRuntime.current(), "the registration that follows uses it");
    }

    @Test
    void aMissingEngineFailsTheApplicationsStartAndLeavesNoRuntime() {
        setting("parley.speech", "on");
        setting("parley.vad", "no-such-vad");
        assertThrows(SpeechEngineException.class, () -> listener.contextInitialized(event()));
        assertFalse(ParleyRuntime.running().isPresent());
    }

    @Test
    void theApplicationsStopDrainsLiveConnectionsAndEndsTheRuntimesThreads() throws Exception {
        ParleyRuntime runtime = ParleyRuntime.start(new Settings(Map.of("parley.speech", "off")::get, Map.of()),
                getClass().getClassLoader());
        runtime.workers().submit(() -> { }).get(5, TimeUnit.SECONDS); // a worker thread runs
        runtime.timer().schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        FakeConnection live = new FakeConnection();
        assertTrue(runtime.connections().admit(live));

        listener.contextDestroyed(event());

        assertTrue(live.wentAway.isDone(), "the live connection was closed as going away");
        assertFalse(runtime.connections().admit(new FakeConnection()), "a late connection is refused");
        assertTrue(runtime.workers().isTerminated() && runtime.timer().isTerminated(), "no thread outlives the application");
        assertFalse(ParleyRuntime.running().isPresent(), "closed and no longer current");
    }

    @Test
    void theApplicationsStopMakesNoRuntime() {
        listener.contextDestroyed(event());
        assertFalse(ParleyRuntime.running().isPresent());
    }

    private static WeldContainer applicationWithItsOwnStore() {
        return new Weld("application").disableDiscovery().addBeanClasses(ApplicationStore.class).initialize();
    }

    private void setting(String key, String value) {
        replaced.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private static ServletContextEvent event() {
        ServletContext context = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> method.getName().equals("getContextPath") ? "" : null);
        return new ServletContextEvent(context);
    }

    /** A quiet connection that closes at once when told to go away. */
    private static final class FakeConnection implements LiveConnections.Connection {
        final CompletableFuture<Void> wentAway = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> whenQuiet() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void goAway() {
            wentAway.complete(null);
        }

        @Override
        public CompletionStage<Void> whenClosed() {
            return wentAway;
        }
    }
}
