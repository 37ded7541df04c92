package dev.parley.samples.war;

import dev.parley.samples.testing.XunaClient;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An application server started as a child process for one test class: its output goes to a log file, it is waited
 * for (bounded) until the sample agents answer on their XUNA path, and it is stopped by process id with everything
 * it started, however the tests ended.
 */
final class ServerProcess implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code directory} on the JDK running the tests ({@code JAVA_HOME}), its output (both
     * streams) written to {@code directory/server.log}.
     */
    static ServerProcess start(String name, List<String> command, Path directory) throws IOException {
        Path log = directory.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new ServerProcess(name, builder.start(), log);
    }

    /** The {@code java} command of the JDK running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Waits until a XUNA client gets through to the concierge on {@code port}: the server is up and the WAR is
     * deployed. Returns how long that took since the start; fails with the end of the log if it does not happen
     * within {@code limit} or the server exits.
     */
    Duration awaitAgents(int port, Duration limit) throws InterruptedException {
        long deadline = startedNanos + limit.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before answering;"
                        + " end of its log:\n" + logTail());
            }
            try (XunaClient client = XunaClient.connect(port, "concierge")) {
                Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
                System.out.printf("%s answered on %s:%d after %.1f s (log: %s)%n", name, LOOPBACK, port,
                        took.toMillis() / 1000.0, log);
                return took;
            } catch (RuntimeException notYet) {
                last = notYet;
                Thread.sleep(250);
            }
        }
        throw new AssertionError(name + " did not answer on " + LOOPBACK + ":" + port + " within " + limit.toSeconds()
                + " s (last attempt: " + last + "); end of its log:\n" + logTail(), last);
    }

    /**
     * Waits until the server's log holds {@code text}; fails with the end of the log if it does not within
     * {@code limit}.
     */
    void awaitLog(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not log \"" + text + "\" within " + limit.toSeconds()
                        + " s; end of its log:\n" + logTail());
            }
            Thread.sleep(100);
        }
    }

    /** The server's log so far. */
    String log() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8); // whatever the server's encoding
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of the server's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    /** Stops the server and its descendants: politely, then forcibly after a bounded wait. */
    @Override
    public void close() {
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        if (!awaitExit(all, STOP_GRACE)) {
            all.forEach(ProcessHandle::destroyForcibly);
            awaitExit(all, Duration.ofSeconds(10));
        }
        System.out.printf("%s stopped (log: %s)%n", name, log);
    }

    /** Whether all of {@code processes} exited within {@code limit}. */
    private static boolean awaitExit(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (ProcessHandle handle : processes) {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception timedOut) {
            return false;
        }
    }

    /** {@code count} distinct ports that are free on the loopback address right now. */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /** A new, empty directory for one run of a server under the build's {@code parley.it.work} directory. */
    static Path freshRunDirectory(String server) throws IOException {
        Path work = Path.of(System.getProperty("parley.it.work", "target/server-runs"));
        Files.createDirectories(work);
        return Files.createTempDirectory(work, server + "-");
    }

    /** A path given to the tests by the build (see samples-war/pom.xml), which must exist. */
    static Path provided(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(property + " (" + value + ") does not exist: run the tests with "
                    + "`mvn -pl samples-war -am verify -Pservers`, which builds the WAR and fetches the servers");
        }
        return Path.of(value);
    }

    /** The server JVM's system properties for the samples, as {@code -Dkey=value} arguments. */
    static Stream<String> systemProperties(Map<String, String> settings) {
        return settings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(setting -> "-D" + setting.getKey() + "=" + setting.getValue());
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
