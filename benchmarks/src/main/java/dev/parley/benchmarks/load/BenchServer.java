package dev.parley.benchmarks.load;

import dev.parley.runtime.standalone.BenchContainer;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server side of the load benchmark, one JVM per server so CPU and memory can be read per process:
 * {@code BenchServer parley|parley-worker|baseline|baseline-annotated[@CONTAINER] PING_MILLIS}, where CONTAINER is
 * {@code jetty} or a Tyrus I/O strategy ({@code worker-thread}, the default, {@code same-thread},
 * {@code leader-follower}): the same container settings for Parley and the baseline. Listens on 127.0.0.1 on a free
 * port and
 * prints {@code BENCH-READY <port>}. Then reads commands on stdin, one a line:
 * <ul>
 *   <li>{@code mem}: full GC (twice), then prints {@code BENCH-MEM <heapUsed> <nonHeapUsed> <rssBytes> <threads>}</li>
 *   <li>{@code stop} (or end of input): stops the server and exits.</li>
 * </ul>
 * The stdin reader is the only extra thread and sleeps between commands, the same for every server.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: BenchServer parley|parley-worker|baseline|baseline-annotated[@CONTAINER] PING_MILLIS");
            System.exit(2);
        }
        String kind = args[0].contains("@") ? args[0].substring(0, args[0].indexOf('@')) : args[0];
        Map<String, String> container = containerSettings(args[0].contains("@") ? args[0].substring(args[0].indexOf('@') + 1)
                : "worker-thread");
        long pingMillis = Long.parseLong(args[1]);
        AutoCloseable server;
        int port;
        switch (kind) {
            case "parley", "parley-worker" -> {
                // the echo agent hears and speaks nothing, and the baseline has no speech engines: keep them off
                // (engines are shared per server, so they would add start-up memory, not per-session cost);
                // the echo agent declares @OnAudio(blocking = false), so its handler runs on the container's thread when
                // the session is idle, as the baseline's does; parley-worker hands every frame to the worker pool instead
                Map<String, String> settings = new HashMap<>(container);
                settings.putAll(Map.of(
                        "parley.host", "127.0.0.1",
                        "parley.port", "0",
                        "parley.xuna.ping-interval", Long.toString(pingMillis),
                        "parley.speech", "off",
                        "parley.vad", "none",
                        "parley.stt", "none",
                        "parley.tts", "none"));
                if (kind.equals("parley-worker")) {
                    settings.put("parley.inline-audio", "off");
                }
                ParleyServer parley = ParleyServer.start(ServerOptions.from(settings));
                server = parley;
                port = parley.port();
            }
            case "baseline", "baseline-annotated" -> {
                BaselineEcho.pingMillis = pingMillis;
                // Parley's default frame limit (1 MiB) sizes the container's incoming buffer alike
                BenchContainer baseline = BenchContainer.start(BaselineEcho.application(kind.equals("baseline-annotated")),
                        "127.0.0.1", 0, container);
                server = baseline;
                port = baseline.port();
            }
            default -> throw new IllegalArgumentException("unknown server " + kind);
        }
        System.out.println("BENCH-READY " + port);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = commands.readLine(); line != null && !line.trim().equals("stop"); line = commands.readLine()) {
                if (line.trim().equals("mem")) {
                    System.out.println(memory());
                    System.out.flush();
                }
            }
        } finally {
            server.close();
        }
        System.exit(0);
    }

    /** {@code jetty}, {@code undertow} (endpoints on its I/O threads), {@code undertow-worker}, or Tyrus with an I/O strategy. */
    private static Map<String, String> containerSettings(String container) {
        return switch (container) {
            case "jetty", "undertow" -> Map.of("parley.container", container);
            case "undertow-worker" -> Map.of("parley.container", "undertow", "parley.undertow.dispatch-to-worker", "on");
            default -> Map.of("parley.container", "tyrus", "parley.io-strategy", container);
        };
    }

    private static String memory() throws IOException, InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = memory.getHeapMemoryUsage().getUsed();
        long nonHeap = memory.getNonHeapMemoryUsage().getUsed();
        return "BENCH-MEM " + heap + " " + nonHeap + " " + rss() + " " + ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static long rss() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
