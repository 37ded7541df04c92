package dev.parley.runtime;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.parley.runtime.config.Settings;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime's threads run with the application's class loader, whichever thread made them. */
class ParleyRuntimeThreadsTest {

    @Test
    void workersAndTheTimerHaveTheApplicationsClassLoaderEvenWhenAServerThreadMadeThem() throws Exception {
        ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ClassLoader server = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ParleyRuntime runtime = new ParleyRuntime(new Settings(Map.of("parley.speech", "off")::get, Map.of()), application);
        try {
            // the first task of each pool comes from a thread of the server's, which makes the pool's thread
            CompletableFuture<ClassLoader> worker = new CompletableFuture<>();
            CompletableFuture<ClassLoader> timer = new CompletableFuture<>();
            Thread serverThread = new Thread(() -> {
                runtime.workers().execute(() -> worker.complete(Thread.currentThread().getContextClassLoader()));
                runtime.timer().execute(() -> timer.complete(Thread.currentThread().getContextClassLoader()));
            });
            serverThread.setContextClassLoader(server);
            serverThread.start();
            assertSame(application, worker.get(5, TimeUnit.SECONDS));
            assertSame(application, timer.get(5, TimeUnit.SECONDS));
        } finally {
            runtime.close();
        }
    }
}
