package dev.parley.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.spi.ConversationStore;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import dev.parley.runtime.testing.ApplicationStore;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The extension points an application may provide as CDI beans are looked up when first needed, not when the runtime
 * is built: in a Jakarta EE server (WildFly) the runtime is built while the endpoints are registered, before the
 * application's CDI container is up.
 */
class ParleyRuntimeExtensionsTest {

    @BeforeEach
    void noRuntimeLeftByAnotherTest() {
        ParleyRuntime.running().ifPresent(ParleyRuntime::close);
    }

    @Test
    void aStoreBeanOfAContainerThatStartsAfterTheRuntimeIsTheOneConversationsUse() {
        assertThrows(IllegalStateException.class, CDI::current, "no container yet, as while WildFly registers endpoints");
        ParleyRuntime runtime = ParleyRuntime.current(); // as the endpoints' registration makes it
        try {
            try (WeldContainer application = new Weld("late-application").disableDiscovery()
                    .addBeanClasses(ApplicationStore.class).initialize()) {
                ConversationStore store = runtime.store(); // what the first conversation asks for
                assertInstanceOf(ApplicationStore.class, store, "the application's bean, not the in-memory default");
                assertSame(store, runtime.store(), "chosen once");
            }
            assertInstanceOf(ApplicationStore.class, runtime.store(), "kept for the runtime's life");
        } finally {
            runtime.close();
        }
    }

    @Test
    void buildingTheRuntimeStartsNoEngineButTheLauncherStillFailsFastOnAMissingOne() {
        Settings missingEngine = new Settings(Map.of("parley.vad", "no-such-vad")::get, Map.of());
        ClassLoader loader = getClass().getClassLoader();

        ParleyRuntime built = new ParleyRuntime(missingEngine, loader); // the server's path: nothing looked up yet
        try {
            SpeechEngineException missing = assertThrows(SpeechEngineException.class, built::resolveExtensions);
            assertTrue(missing.getMessage().contains("no-such-vad"), missing::getMessage);
        } finally {
            built.close();
        }
        assertThrows(IllegalStateException.class, built::speech, "a closed runtime starts nothing more");

        // the standalone launcher's path: its CDI container is up first, so everything is resolved at once
        assertThrows(SpeechEngineException.class, () -> ParleyRuntime.start(missingEngine, loader));
        assertFalse(ParleyRuntime.running().isPresent(), "a runtime that failed to start is closed, not left current");
    }
}
