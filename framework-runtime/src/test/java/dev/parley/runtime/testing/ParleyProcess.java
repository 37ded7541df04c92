package dev.parley.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another Parley instance: the standalone launcher ({@code ParleyServer.main}) in its own JVM with this test class
 * path, on 127.0.0.1 and a free port, as a second machine would run it. Its output goes to a log file under
 * {@code target/}. {@link #terminate()} sends SIGTERM, as a rolling deployment does; every wait is bounded.
 */
public final class ParleyProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Parley is listening on ws://127\\.0\\.0\\.1:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final int port;

    private ParleyProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts an instance with these settings ({@code --set key=value}) and waits until it listens. */
    public static ParleyProcess start(Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.parley.runtime.standalone.ParleyServer", "--host", "127.0.0.1", "--port", "0"));
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        Process process;
        Path log;
        try {
            Path directory = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir"));
            log = Files.createTempFile(directory, "parley-process-", ".log");
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start another Parley JVM", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "parley-process-stop"));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, log, listening), "parley-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ParleyProcess(process, log, listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("The other Parley JVM did not start within " + START_TIMEOUT_SECONDS + " s; see "
                    + log.toAbsolutePath(), e);
        }
    }

    /** Copies the process' standard output to the log, completing {@code listening} with the port it announces. */
    private static void readOutput(Process process, Path log, CompletableFuture<Integer> listening) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Files.writeString(log, "[stdout] " + line + System.lineSeparator(), StandardOpenOption.APPEND);
                Matcher announced = LISTENING.matcher(line);
                if (announced.find()) {
                    listening.complete(Integer.parseInt(announced.group(1)));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("its output ended before it listened"));
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM (the JVM runs its shutdown hooks: the launcher drains) and waits for the exit, at most
     * {@code seconds}; returns the exit code.
     */
    public int terminate(int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("The other Parley JVM did not exit within " + seconds + " s of SIGTERM; see "
                    + log.toAbsolutePath());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
