package dev.parley.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for a test class ({@code @RegisterExtension static final RedisServer REDIS = new
 * RedisServer();}): its own process on 127.0.0.1 and a free port, nothing persisted, started before the class's
 * {@code @BeforeAll} methods and stopped after all its tests. The class is skipped (an assumption) where
 * {@code redis-server} is not installed ({@code apt-get install redis-server}; {@code -Dparley.test.redis-server=/path}
 * names another binary). Every wait is bounded; a server left running is killed when the JVM exits.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private String executable;
    private int port;
    private Path directory;
    private Process process;
    private Thread killOnExit;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Optional<String> found = executable();
        Assumptions.assumeTrue(found.isPresent(), "redis-server is not installed (apt-get install redis-server)");
        executable = found.get();
        port = freePort();
        directory = Files.createTempDirectory("parley-redis");
        launch();
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code parley.store.redis.url}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the server at once (SIGKILL), as a crash would: clients see connections refused from now on. */
    public void kill() {
        stop(true);
    }

    /** Starts it again on the same port, empty. */
    public void restart() {
        stop(true);
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (directory == null) {
            return; // skipped
        }
        stop(false);
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException leftBehind) {
            // a temporary directory; nothing depends on it
        }
    }

    private void launch() {
        try {
            process = new ProcessBuilder(executable, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--protected-mode", "yes")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + executable, e);
        }
        Process started = process;
        killOnExit = new Thread(started::destroyForcibly, "redis-server-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        awaitPong();
    }

    private void stop(boolean kill) {
        Process running = process;
        if (running == null) {
            return;
        }
        process = null;
        if (kill) {
            running.destroyForcibly();
        } else {
            running.destroy();
        }
        try {
            if (!running.waitFor(5, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Waits until the server answers PING; fails (and stops it) after {@link #START_TIMEOUT_MILLIS}. */
    private void awaitPong() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop(true);
        throw new IllegalStateException("redis-server did not answer on port " + port + " within " + START_TIMEOUT_MILLIS
                + " ms: " + log());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Optional<String> executable() {
        String configured = System.getProperty("parley.test.redis-server");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured).filter(file -> new File(file).canExecute());
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : List.of(path.split(File.pathSeparator))) {
            File candidate = new File(dir, "redis-server");
            if (!dir.isEmpty() && candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** A port free now on 127.0.0.1 (another process could take it before the server binds it; unlikely here). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
