package dev.parley.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServer} in its own JVM, or the Node reference server ({@code node}), pinned to a core when asked: its
 * port, CPU time, threads and memory.
 */
final class ServerProcess implements AutoCloseable {
    /** Linux reports CPU times in clock ticks; 100 per second everywhere this runs (getconf CLK_TCK). */
    private static final long MICROS_PER_TICK = 10_000;

    record Memory(long heap, long nonHeap, long rss, int threads) {
    }

    final String kind;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final int port;
    final Path log;

    private ServerProcess(String kind, Process process, Path log) throws IOException, InterruptedException {
        this.kind = kind;
        this.process = process;
        this.log = log;
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("BENCH-")) {
                        lines.add(line);
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "bench-" + kind + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = lines.poll(60, TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("BENCH-READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("Server " + kind + " did not start within 60 s; see " + log);
        }
        this.port = Integer.parseInt(ready.substring("BENCH-READY ".length()).trim());
    }

    static ServerProcess start(String kind, LoadConfig config) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (config.pin()) {
            command.addAll(List.of("taskset", "-c", config.serverCpus()));
        }
        if (kind.equals("node")) {
            command.addAll(List.of("node", "--expose-gc", nodeServer().toString(), Long.toString(config.pingMillis())));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(LoadConfig.split(config.serverJvm()));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), kind,
                    Long.toString(config.pingMillis())));
        }
        Path log = config.dir().resolve(kind + "-server.log");
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        return new ServerProcess(kind, process, log);
    }

    /** The Node reference server ({@code src/main/node}, whose {@code ws} the load profile installs with npm ci). */
    private static Path nodeServer() {
        Path script = Path.of(System.getProperty("bench.nodeServer", "src/main/node/echo-server.mjs")).toAbsolutePath();
        if (!Files.isDirectory(script.resolveSibling("node_modules").resolve("ws"))) {
            throw new IllegalStateException("The node server needs its ws package: run 'npm ci' in " + script.getParent()
                    + " (the load profile does)");
        }
        return script;
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time of the whole server process, in microseconds. */
    long cpuMicros() {
        long[] times = cpuTimes();
        return times[0] + times[1];
    }

    /** The Node reference rather than a JVM: it has no JIT compiler threads to tell apart. */
    boolean isNode() {
        return kind.equals("node");
    }

    /** User and system CPU time of the whole server process, in microseconds. */
    long[] cpuTimes() {
        try {
            return cpuTimes(Path.of("/proc", Long.toString(process.pid()), "stat"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User and system CPU time from a process's or a thread's {@code stat} file, in microseconds. */
    private static long[] cpuTimes(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state(0) ... utime is field 14 of the whole line, index 11 here; stime index 12
        return new long[] {Long.parseLong(fields[11]) * MICROS_PER_TICK, Long.parseLong(fields[12]) * MICROS_PER_TICK};
    }

    /**
     * What the server's live threads add up to (threads that ended take theirs along; pools here keep their threads
     * for the length of a step): voluntary plus involuntary context switches, and the CPU time of the JVM's JIT
     * compiler threads (none in Node, whose compiler threads are not told apart from its other helpers).
     */
    record ThreadTotals(long contextSwitches, long jitCpuMicros) {
    }

    ThreadTotals threadTotals() {
        long switches = 0;
        long jit = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    if (Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        long[] times = cpuTimes(task.resolve("stat"));
                        jit += times[0] + times[1];
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ThreadTotals(switches, jit);
    }

    int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heap and non-heap after two full GCs in the server, its RSS and thread count. */
    Memory memory() throws IOException, InterruptedException {
        lines.clear();
        commands.write("mem\n");
        commands.flush();
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("BENCH-MEM ")) {
            throw new IllegalStateException("Server " + kind + " did not report its memory; see " + log);
        }
        String[] parts = line.split(" ");
        return new Memory(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                Integer.parseInt(parts[4]));
    }

    /** Runs {@code jcmd <pid> args...} (JFR.start, GC.class_histogram ...), waiting at most a minute; its output. */
    String jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(log.getParent(), "jcmd", ".txt");
        try {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new IllegalStateException("jcmd " + String.join(" ", args) + " did not finish within 60 s");
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            commands.write("stop\n");
            commands.flush();
        } catch (IOException gone) {
            // it is stopping anyway
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
