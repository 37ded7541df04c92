package dev.parley.runtime.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.config.Settings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code @OnAudio} on the delivering thread only when the application allows it, and off it again when it blocks. */
class InlineAudioTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private InlineAudio audio(Map<String, String> settings) {
        return audio(settings, true);
    }

    private InlineAudio audio(Map<String, String> settings, boolean handlerBlocks) {
        return new InlineAudio(new SerialExecutor(pool), new Settings(settings::get, Map.of()), "echo", handlerBlocks, "conv_1");
    }

    private static Thread ranOn(InlineAudio audio) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        audio.execute(() -> thread.complete(Thread.currentThread()));
        return thread.get(5, TimeUnit.SECONDS);
    }

    @Test
    void byDefaultHandlersStayOffTheCallersThread() throws Exception {
        InlineAudio audio = audio(Map.of());
        assertFalse(audio.inline());
        assertNotSame(Thread.currentThread(), ranOn(audio));
    }

    @Test
    void whenAllowedAnIdleSessionsCallRunsOnTheCallersThread() throws Exception {
        assertSame(Thread.currentThread(), ranOn(audio(Map.of("parley.inline-audio", "on"))));
        assertSame(Thread.currentThread(), ranOn(audio(Map.of("parley.agent.echo.inline-audio", "on"))));
        assertNotSame(Thread.currentThread(), ranOn(audio(Map.of("parley.inline-audio", "on",
                "parley.agent.echo.inline-audio", "off"))));
    }

    @Test
    void aHandlerDeclaredNonBlockingRunsInlineUnlessTheDeploymentSaysOtherwise() throws Exception {
        assertSame(Thread.currentThread(), ranOn(audio(Map.of(), false)));
        assertNotSame(Thread.currentThread(), ranOn(audio(Map.of("parley.inline-audio", "off"), false)));
        assertNotSame(Thread.currentThread(), ranOn(audio(Map.of("parley.agent.echo.inline-audio", "off"), false)));
        assertNotSame(Thread.currentThread(), ranOn(audio(Map.of(), true)));
    }

    @Test
    void handlersOverBudgetCallAfterCallGoBackToThePool() throws Exception {
        InlineAudio audio = audio(Map.of("parley.inline-audio", "on", "parley.inline-audio.budget", "1"));
        Runnable slow = () -> sleep(5);
        audio.execute(slow);
        audio.execute(slow);
        audio.execute(() -> { }); // a quick call in between: the slow ones were not in a row
        audio.execute(slow);
        audio.execute(slow);
        assertTrue(audio.inline(), "two slow calls in a row can be a preempted thread");
        audio.execute(slow);
        assertFalse(audio.inline(), "three in a row is a handler that blocks");
        assertNotSame(Thread.currentThread(), ranOn(audio));
    }

    @Test
    void anUnknownValueIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> audio(Map.of("parley.inline-audio", "sometimes")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
