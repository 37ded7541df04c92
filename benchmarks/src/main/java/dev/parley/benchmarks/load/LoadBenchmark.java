package dev.parley.benchmarks.load;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The load benchmark: Parley's echo agent on the standalone launcher against a hand-written Jakarta WebSocket echo
 * endpoint on the same Tyrus server, in one run, each server in its own JVM (pinned to core 0, the generator to
 * core 1, when there are two cores and {@code taskset}).
 *
 * <p>Per server: a warm-up, then idle memory (heap after full GC with no session and with {@code idleSessions}
 * initiated, silent sessions that answer pings), then steps of increasing session counts, interleaved between the
 * servers (alternating which goes first). In a step every session sends a 100 ms chunk of 16 kHz PCM every 100 ms
 * (sessions spread evenly over the period) and answers pings. The generator is open-loop: a chunk is sent when due
 * whatever the server did with the earlier ones, so a stalled server cannot hold back the load (no coordinated
 * omission). Each chunk's round trip is measured twice: from the time it was due and from the time it was sent; the
 * difference is the generator's own lateness, which on this VM includes stalls of 20 to 120 ms a few times a second
 * that no server causes. A chunk not echoed by the end of the grace period is lost. A server's search ends at the
 * first step with p99 (from the send) at or above the limit, anything lost, or any error.
 *
 * <p>Prints markdown tables; also written to {@code bench.dir/load-<time>.md}. See docs/performance.md.
 */
public final class LoadBenchmark {
    private static final long MILLI = 1_000_000L;
    private static final int BUCKETS = 100; // sessions start 1 ms apart, modulo the 100 ms period
    /** Before the generator pins itself. */
    private static final int MACHINE_CPUS = Runtime.getRuntime().availableProcessors();

    private final LoadConfig config;
    private final Transport transport;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final StringBuilder report = new StringBuilder();
    /** The generator and the servers: everything else is "other processes". */
    private final java.util.Set<Long> ourProcesses = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LoadBenchmark(LoadConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
    }

    /** One measured step on one server. */
    record StepResult(String server, int sessions, int repeat, long chunks, long lost, int errors, double p50, double p99,
                      double sentP99, double p999, double max, double serverCpuMicrosPerChunk, double serverCpuPercent,
                      double generatorCpuPercent, double sendLagP99Millis, double sendLagMaxMillis, long generatorGcMillis,
                      int serverThreads, long pings, double otherProcessesCpuPercent, double serverSystemPercent,
                      double contextSwitchesPerChunk, double jitCpuPercent) {
        boolean passes(double limit) {
            return lost == 0 && errors == 0 && sentP99 < limit;
        }
    }

    record IdleMemory(String server, int sessions, ServerProcess.Memory before, ServerProcess.Memory after) {
        double heapPerSession() {
            return (after.heap() - before.heap()) / (double) sessions;
        }

        double rssPerSession() {
            return (after.rss() - before.rss()) / (double) sessions;
        }

        double threadsPerSession() {
            return (after.threads() - before.threads()) / (double) sessions;
        }
    }

    public static void main(String[] args) throws Exception {
        LoadConfig config = LoadConfig.fromSystemProperties();
        Files.createDirectories(config.dir());
        if (config.pin()) {
            pinSelf(config.generatorCpus());
        }
        boolean broken;
        try (Transport transport = Transport.create(config.client(), config.clientThreads())) {
            LoadBenchmark benchmark = new LoadBenchmark(config, transport);
            benchmark.run();
            broken = benchmark.broken;
        }
        // a smoke run (quick mode) fails when a session lost audio or saw an error; latencies are left to people
        boolean failOnErrors = Boolean.parseBoolean(System.getProperty("bench.failOnErrors", Boolean.toString(config.quick())));
        if (broken && failOnErrors) {
            System.err.println("[bench] FAILED: chunks were lost or sessions failed (see the tables above)");
            System.exit(1);
        }
        System.exit(0); // the transports' selector threads are not all daemons
    }

    private void run() throws Exception {
        ourProcesses.add(ProcessHandle.current().pid());
        ProcessHandle.current().parent().ifPresent(parent -> ourProcesses.add(parent.pid())); // Maven, idle meanwhile
        header();
        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        Thread cleanup = new Thread(() -> servers.values().forEach(ServerProcess::close), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<StepResult> results = new ArrayList<>();
        List<IdleMemory> memories = new ArrayList<>();
        try {
            for (String kind : config.servers()) {
                ServerProcess server = ServerProcess.start(kind, config);
                servers.put(kind, server);
                ourProcesses.add(server.pid());
                log("started %s (pid %d, port %d, log %s)", kind, server.pid(), server.port, server.log);
            }
            Path settings = config.profile() ? samplingSettings() : null;
            if (config.profile()) {
                // JFR's events are switched on before the warm-up, because switching them on makes the JIT compile
                // again (in a run that started JFR after the warm-up, the JIT took 29-45 % of the server's CPU in
                // the first measured step); this recording is dropped, the one kept starts below
                for (ServerProcess server : servers.values()) {
                    server.jcmd("JFR.start", "name=warm", "settings=" + settings);
                }
            }
            for (ServerProcess server : servers.values()) {
                warmUp(server);
            }
            for (ServerProcess server : servers.values()) {
                memories.add(idleMemory(server));
            }
            if (config.profile()) {
                // profile the measured steps only, not start-up, warm-up or the idle-memory phase
                for (ServerProcess server : servers.values()) {
                    server.jcmd("JFR.start", "name=bench", "settings=" + settings,
                            "filename=" + config.dir().resolve(server.kind + ".jfr"));
                    server.jcmd("JFR.stop", "name=warm");
                }
            }
            // coarse search: the step list, every server at each step (alternating who goes first)
            for (String kind : servers.keySet()) {
                capacity.put(kind, new int[] {0, -1}); // last passing, first failing (-1: none yet)
            }
            int round = 0;
            for (int sessions : config.steps()) {
                List<String> searching = servers.keySet().stream().filter(kind -> capacity.get(kind)[1] < 0).toList();
                if (sessions > config.maxSessions() || searching.isEmpty()) {
                    break;
                }
                runRound(servers, searching, sessions, round++, results);
            }
            // refinement: bisect between the last passing and the first failing count, to bench.refineResolution
            for (int bisection = 0; bisection < 8 && config.refineResolution() > 0; bisection++) {
                Map<String, Integer> midpoints = new LinkedHashMap<>();
                capacity.forEach((kind, bounds) -> {
                    int pass = bounds[0];
                    int fail = bounds[1];
                    if (fail > 0 && fail - pass > Math.max(10, pass * config.refineResolution())) {
                        midpoints.put(kind, Math.max(10, (int) Math.round((pass + fail) / 20.0) * 10));
                    }
                });
                if (midpoints.isEmpty()) {
                    break;
                }
                for (var entry : midpoints.entrySet()) {
                    runRound(servers, List.of(entry.getKey()), entry.getValue(), round++, results);
                }
            }
            if (config.profile()) {
                for (ServerProcess server : servers.values()) {
                    server.jcmd("JFR.stop", "name=bench");
                }
            }
        } finally {
            servers.values().forEach(ServerProcess::close);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        broken = results.stream().anyMatch(r -> r.lost() > 0 || r.errors() > 0)
                || idleErrors > 0;
        summary(results, memories);
        if (config.profile()) {
            for (String kind : servers.keySet()) {
                Path recording = config.dir().resolve(kind + ".jfr");
                if (Files.exists(recording)) {
                    emit("\n### Hottest frames of " + kind + " (JFR execution samples every 2 ms of Java code, over all measured steps; system time is not sampled)\n");
                    emit(JfrTop.summary(recording, 25));
                }
            }
            histograms.forEach((kind, table) -> {
                emit("\n### What " + kind + " keeps per idle session (class histogram growth, " + config.idleSessions()
                        + " sessions)\n");
                emit(table);
            });
        }
        Path file = config.dir().resolve("load-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now()) + ".md");
        Files.writeString(file, report);
        System.out.println("\n(written to " + file + ")");
    }

    /** Whether any measured run lost a chunk or had an error. */
    private boolean broken;
    private int idleErrors;

    /** Per server, the heap classes that grew most with the idle sessions (profiling runs). */
    private final Map<String, String> histograms = new LinkedHashMap<>();

    /** Last passing and first failing session count of each server's search. */
    private final Map<String, int[]> capacity = new LinkedHashMap<>();

    /** Runs {@code sessions} on each of {@code kinds} (repeated, interleaved) and records pass or fail. */
    private void runRound(Map<String, ServerProcess> servers, List<String> kinds, int sessions, int round,
                          List<StepResult> results) throws InterruptedException {
        List<String> order = new ArrayList<>(kinds);
        if (round % 2 == 1) {
            java.util.Collections.reverse(order);
        }
        Map<String, List<StepResult>> byServer = new LinkedHashMap<>();
        for (int repeat = 1; repeat <= config.repeats(); repeat++) {
            for (String kind : order) {
                for (int attempt = 0; ; attempt++) {
                    StepResult result = step(servers.get(kind), sessions, config.warmupSeconds(), config.measureSeconds(),
                            repeat);
                    results.add(result);
                    log("%s", row(result));
                    if (!disturbed(result) || attempt >= config.retries()) {
                        byServer.computeIfAbsent(kind, k -> new ArrayList<>()).add(result);
                        break;
                    }
                    log("disturbed run (generator or other processes busy): running it again");
                }
            }
        }
        byServer.forEach((kind, runs) -> {
            int[] bounds = capacity.get(kind);
            if (passes(runs)) {
                bounds[0] = Math.max(bounds[0], sessions);
            } else {
                bounds[1] = bounds[1] < 0 ? sessions : Math.min(bounds[1], sessions);
                log("%s fails at %d sessions", kind, sessions);
            }
        });
    }

    /** A step passes when the median of its undisturbed runs has p99 under the limit and none lost or erred. */
    private boolean passes(List<StepResult> runs) {
        List<StepResult> clean = cleanOrAll(runs);
        return median(clean).passes(config.p99LimitMillis()) && clean.stream().allMatch(r -> r.lost() == 0 && r.errors() == 0);
    }

    // ---- one step ----

    /**
     * Streams {@code bench.warmSessions} sessions, in rounds, until the JIT is quiet: a JVM compiles for the load it
     * sees, and on the one CPU the server is pinned to its compiler threads take that CPU from the I/O thread, so a
     * step measured while they are busy measures the JIT (docs/performance.md, "The first-step transient").
     */
    private void warmUp(ServerProcess server) throws InterruptedException {
        for (int round = 1; ; round++) {
            log("warming up %s (round %d): %d sessions for %.0f s", server.kind, round, config.warmSessions(),
                    config.warmSeconds());
            StepResult warm = step(server, config.warmSessions(), 1, config.warmSeconds(), 0);
            log("warm-up %s", row(warm));
            // NaN (Node) ends it too
            if (!(warm.jitCpuPercent() >= config.warmJitCpuPercent()) || round >= config.warmRounds()) {
                return;
            }
        }
    }

    private StepResult step(ServerProcess server, int sessions, double warmupSeconds, double measureSeconds, int repeat)
            throws InterruptedException {
        Caller.Step step = new Caller.Step();
        List<Caller> callers = connect(server, sessions, step);
        try {
            long streamStart = System.nanoTime() + 200 * MILLI;
            List<List<Caller>> buckets = new ArrayList<>();
            for (int b = 0; b < BUCKETS; b++) {
                buckets.add(new ArrayList<>());
            }
            for (Caller caller : callers) {
                int bucket = caller.index % BUCKETS;
                caller.firstDue = streamStart + bucket * (Caller.PERIOD_NANOS / BUCKETS);
                buckets.get(bucket).add(caller);
            }
            long measureStart = streamStart + (long) (warmupSeconds * 1e9);
            long measureEnd = measureStart + (long) (measureSeconds * 1e9);
            step.measureStart = measureStart;
            step.measureEnd = measureEnd;

            long cpuStart = -1;
            long[] cpuTimesStart = null;
            CompletableFuture<ServerProcess.ThreadTotals> threadsStart = null;
            long genStart = -1;
            long gcStart = -1;
            CompletableFuture<Map<Long, Long>> othersStart = null;
            long wallStart = -1;
            Histogram lag = new Histogram(3);
            send:
            for (int k = 0; ; k++) {
                long periodStart = streamStart + k * Caller.PERIOD_NANOS;
                for (int b = 0; b < BUCKETS; b++) {
                    List<Caller> bucket = buckets.get(b);
                    if (bucket.isEmpty()) {
                        continue;
                    }
                    long due = periodStart + b * (Caller.PERIOD_NANOS / BUCKETS);
                    if (due >= measureEnd) {
                        break send;
                    }
                    long now = waitUntil(due);
                    boolean measured = step.measured(due);
                    if (measured) {
                        lag.recordValue(Math.max(0, now - due) / 1_000);
                    }
                    for (Caller caller : bucket) {
                        caller.sendChunk(k);
                    }
                    if (measured) {
                        step.sentMeasured.add(bucket.size());
                    }
                    if (measured && wallStart < 0) {
                        // after this bucket's sends, and the slow readings (a /proc entry for every process, or
                        // for every server thread: tens of ms) off this thread, so no chunk is late for them
                        wallStart = System.nanoTime();
                        threadsStart = CompletableFuture.supplyAsync(server::threadTotals);
                        cpuTimesStart = server.cpuTimes();
                        cpuStart = cpuTimesStart[0] + cpuTimesStart[1];
                        genStart = os.getProcessCpuTime();
                        gcStart = gcMillis();
                        othersStart = CompletableFuture.supplyAsync(() -> CpuStat.others(ourProcesses));
                    }
                }
            }
            waitUntil(measureEnd);
            long wall = System.nanoTime() - wallStart;
            long[] cpuTimes = server.cpuTimes();
            long cpu = cpuTimes[0] + cpuTimes[1] - cpuStart;
            long cpuSystem = cpuTimes[1] - cpuTimesStart[1];
            ServerProcess.ThreadTotals threadsBefore = threadsStart.join();
            ServerProcess.ThreadTotals threadsAfter = server.threadTotals();
            long switches = threadsAfter.contextSwitches() - threadsBefore.contextSwitches();
            long jit = threadsAfter.jitCpuMicros() - threadsBefore.jitCpuMicros();
            long gen = os.getProcessCpuTime() - genStart;
            long gc = gcMillis() - gcStart;
            long others = CpuStat.delta(othersStart.join(), CpuStat.others(ourProcesses));
            int threads = server.threads();
            long graceEnd = System.nanoTime() + (long) (config.graceSeconds() * 1e9);
            while (step.echoedMeasured.sum() < step.sentMeasured.sum() && System.nanoTime() < graceEnd) {
                Thread.sleep(10);
            }
            if (wallStart < 0) {
                throw new IllegalStateException("no chunk was due in the measured window");
            }
            long chunks = step.sentMeasured.sum();
            long lost = chunks - step.echoedMeasured.sum();
            Histogram latencies = step.latencies.getIntervalHistogram();
            Histogram fromSend = step.fromSend.getIntervalHistogram();
            return new StepResult(server.kind, sessions, repeat, chunks, lost, step.errors.get(),
                    millis(latencies.getValueAtPercentile(50)), millis(latencies.getValueAtPercentile(99)),
                    millis(fromSend.getValueAtPercentile(99)), millis(latencies.getValueAtPercentile(99.9)), millis(latencies.getMaxValue()),
                    chunks == 0 ? Double.NaN : cpu / (double) chunks, 100.0 * cpu * 1_000 / wall,
                    100.0 * gen / wall, lag.getValueAtPercentile(99) / 1_000.0, lag.getMaxValue() / 1_000.0, gc, threads,
                    step.pings.sum(), 100.0 * others * 1_000 / wall, cpu == 0 ? Double.NaN : 100.0 * cpuSystem / cpu,
                    chunks == 0 ? Double.NaN : switches / (double) chunks,
                    server.isNode() ? Double.NaN : 100.0 * jit * 1_000 / wall);
        } finally {
            closeAll(callers);
            Thread.sleep(1_000); // let the server finish closing before the next step
        }
    }

    /** Opens and initiates {@code sessions} sessions, a bounded number at a time; failures count as step errors. */
    private List<Caller> connect(ServerProcess server, int sessions, Caller.Step step) throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + server.port + "/v1/convai/conversation?agent_id=echo");
        Semaphore inFlight = new Semaphore(config.connectConcurrency());
        List<Caller> callers = new ArrayList<>(sessions);
        List<CompletableFuture<Void>> ready = new ArrayList<>(sessions);
        AtomicInteger failures = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30 + sessions / 20);
        for (int i = 0; i < sessions; i++) {
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            Caller caller = new Caller(i, step);
            callers.add(caller);
            CompletableFuture<Void> initiated = transport.connect(uri, caller)
                    .thenCompose(link -> {
                        caller.link = link;
                        link.send(Caller.CLIENT_DATA);
                        return caller.initiated;
                    })
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((ok, failure) -> {
                        inFlight.release();
                        if (failure != null && failures.incrementAndGet() <= 3) {
                            System.err.println("[bench] session failed to start: " + failure);
                        }
                    });
            ready.add(initiated);
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
            // counted below
        }
        long started = ready.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        if (started < sessions) {
            for (int i = 0; i < sessions - started; i++) {
                step.errors.incrementAndGet();
            }
            log("%s: only %d of %d sessions started", server.kind, started, sessions);
        }
        return callers;
    }

    private void closeAll(List<Caller> callers) throws InterruptedException {
        callers.forEach(Caller::close);
        try {
            CompletableFuture.allOf(callers.stream().map(c -> c.closed).toArray(CompletableFuture[]::new))
                    .get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException slow) {
            long open = callers.stream().filter(c -> !c.closed.isDone()).count();
            log("%d sessions did not close within 15 s; aborting them", open);
            callers.stream().filter(c -> !c.closed.isDone() && c.link != null).forEach(c -> c.link.abort());
        }
    }

    private IdleMemory idleMemory(ServerProcess server) throws IOException, InterruptedException {
        ServerProcess.Memory before = server.memory();
        String histogramBefore = config.profile() ? server.jcmd("GC.class_histogram") : "";
        Caller.Step step = new Caller.Step();
        List<Caller> callers = connect(server, config.idleSessions(), step);
        try {
            Thread.sleep((long) (config.idleSettleSeconds() * 1_000));
            ServerProcess.Memory after = server.memory();
            if (config.profile()) {
                histograms.put(server.kind, Histograms.growth(histogramBefore, server.jcmd("GC.class_histogram"),
                        config.idleSessions(), 20));
            }
            IdleMemory memory = new IdleMemory(server.kind, config.idleSessions(), before, after);
            idleErrors += step.errors.get();
            log("%s idle: %d sessions, heap %+.1f KB/session, RSS %+.1f KB/session, threads %d -> %d, errors %d",
                    server.kind, config.idleSessions(), memory.heapPerSession() / 1024, memory.rssPerSession() / 1024,
                    before.threads(), after.threads(), step.errors.get());
            return memory;
        } finally {
            closeAll(callers);
            Thread.sleep(1_000);
        }
    }

    /** JFR's "profile" settings with Java stacks sampled every 2 ms instead of 10, for more samples per step. */
    private Path samplingSettings() throws IOException {
        String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
        int event = profile.indexOf("<event name=\"jdk.ExecutionSample\">");
        int period = profile.indexOf("10 ms", event);
        Path settings = config.dir().resolve("sampling.jfc");
        Files.writeString(settings, event < 0 || period < 0 ? profile
                : profile.substring(0, period) + "2 ms" + profile.substring(period + "10 ms".length()));
        return settings;
    }

    private static long gcMillis() {
        // pauses only: ZGC's "Cycles" and G1's "Concurrent" beans count concurrent work
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> !gc.getName().contains("Cycles") && !gc.getName().contains("Concurrent"))
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    private static long waitUntil(long due) {
        long now;
        while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(due - now);
        }
        return now;
    }

    // ---- reporting ----

    private void header() {
        emit("## Load benchmark " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n");
        emit("- machine: " + MACHINE_CPUS + " CPUs, "
                + cpuModel() + ", " + (os.getTotalMemorySize() >> 20) + " MiB RAM, Java " + System.getProperty("java.version"));
        emit("- pinning: " + (config.pin() ? "servers on CPU " + config.serverCpus() + ", generator on CPU "
                + config.generatorCpus() : "none"));
        emit("- servers: " + config.servers() + ", JVM options " + config.serverJvm() + ", ping every "
                + config.pingMillis() + " ms; generator client " + config.client() + " (" + config.clientThreads()
                + " threads), generator JVM options " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-X")).toList()));
        emit("- steps: " + config.steps() + " (cap " + config.maxSessions() + "), " + config.repeats()
                + " run(s) each, " + config.warmupSeconds() + " s warm-up + " + config.measureSeconds()
                + " s measured + up to " + config.graceSeconds() + " s grace; limit p99 < " + config.p99LimitMillis()
                + " ms, nothing lost" + (config.quick() ? " (quick mode)" : ""));
        emit("");
    }

    private void summary(List<StepResult> results, List<IdleMemory> memories) {
        emit("\n### Steps (every run)\n");
        emit(tableHeader());
        results.forEach(r -> emit(row(r)));

        emit("\n(* = disturbed: the generator used over " + fmt(config.maxGeneratorCpuPercent())
                + " % of its CPU or other processes used over " + fmt(config.maxOtherCpuPercent())
                + " % of a CPU; such a run is repeated up to " + config.retries() + " times and left out of the medians "
                + "when an undisturbed run exists)");
        emit("\n### Steps (median of undisturbed runs)\n");
        emit(tableHeader());
        Map<String, Map<Integer, StepResult>> medians = new LinkedHashMap<>();
        for (String kind : config.servers()) {
            Map<Integer, List<StepResult>> bySessions = new java.util.TreeMap<>();
            results.stream().filter(r -> r.server().equals(kind))
                    .forEach(r -> bySessions.computeIfAbsent(r.sessions(), s -> new ArrayList<>()).add(r));
            Map<Integer, StepResult> perStep = new LinkedHashMap<>();
            bySessions.forEach((sessions, runs) -> perStep.put(sessions, median(cleanOrAll(runs))));
            medians.put(kind, perStep);
            perStep.values().forEach(r -> emit(row(r)));
        }

        emit("\n### Capacity (largest session count whose median p99 < " + fmt(config.p99LimitMillis())
                + " ms with nothing lost and no errors; " + (config.refineResolution() > 0
                ? "coarse steps, then bisection to " + fmt(config.refineResolution() * 100) + " %)\n" : "the steps only)\n"));
        emit("| server | max sessions | lowest failing count | server CPU µs/chunk at max | p99 from send ms at max |");
        emit("|---|---:|---|---:|---:|");
        for (var entry : capacity.entrySet()) {
            int best = entry.getValue()[0];
            int fail = entry.getValue()[1];
            StepResult atBest = medians.getOrDefault(entry.getKey(), Map.of()).get(best);
            StepResult atFail = medians.getOrDefault(entry.getKey(), Map.of()).get(fail);
            String failing = fail < 0 ? "none up to the cap (" + config.maxSessions() + ")"
                    : fail + (atFail == null ? "" : " (p99 from send " + fmt(atFail.sentP99()) + " ms, lost " + atFail.lost() + ", errors "
                    + atFail.errors() + ")");
            emit("| " + entry.getKey() + " | " + best + " | " + failing + " | "
                    + fmt(atBest == null ? Double.NaN : atBest.serverCpuMicrosPerChunk()) + " | "
                    + fmt(atBest == null ? Double.NaN : atBest.sentP99()) + " |");
        }
        Map<String, Integer> capacity = new LinkedHashMap<>();
        this.capacity.forEach((kind, bounds) -> capacity.put(kind, bounds[0]));

        // each parley server against the baseline on the same I/O strategy (kind@strategy)
        for (String parleyKind : medians.keySet().stream().filter(kind -> kind.startsWith("parley")).toList()) {
            String baseKind = baselineOf(parleyKind);
            if (!medians.containsKey(baseKind)) {
                continue;
            }
            emit("\n### " + parleyKind + " relative to the hand-written " + baseKind + " (same run)\n");
            emit("| sessions | CPU µs/chunk " + parleyKind + "/" + baseKind + " | p50 " + parleyKind + "/" + baseKind + " | p99 "
                    + parleyKind + "/" + baseKind + " |");
            emit("|---:|---:|---:|---:|");
            List<Double> cpuRatios = new ArrayList<>();
            for (var e : medians.get(parleyKind).entrySet()) {
                StepResult base = medians.get(baseKind).get(e.getKey());
                if (base == null) {
                    continue;
                }
                StepResult parley = e.getValue();
                double cpuRatio = parley.serverCpuMicrosPerChunk() / base.serverCpuMicrosPerChunk();
                cpuRatios.add(cpuRatio);
                emit("| " + e.getKey() + " | " + fmt(cpuRatio) + " | " + fmt(parley.p50() / base.p50()) + " | "
                        + fmt(parley.sentP99() / base.sentP99()) + " |");
            }
            emit("");
            emit("- median CPU-per-chunk ratio over common steps: " + fmt(medianOf(cpuRatios)) + " (target <= 1.10)");
            emit("- max sessions ratio: " + capacity.get(parleyKind) + " / " + capacity.get(baseKind) + " = "
                    + fmt(capacity.get(baseKind) == 0 ? Double.NaN : capacity.get(parleyKind) / (double) capacity.get(baseKind))
                    + " (target >= 0.90; only as fine as the bisection)");
            if (capacity.containsKey("node")) {
                emit("- max sessions against the Node reference: " + capacity.get(parleyKind) + " / " + capacity.get("node")
                        + " = " + fmt(capacity.get("node") == 0 ? Double.NaN
                        : capacity.get(parleyKind) / (double) capacity.get("node")) + " (target > 1)");
            }
        }

        emit("\n### Idle sessions (initiated, silent, answering pings): memory after full GC\n");
        emit("| server | sessions | heap before MiB | heap after MiB | heap KB/session | RSS KB/session | threads before -> after |");
        emit("|---|---:|---:|---:|---:|---:|---|");
        for (IdleMemory m : memories) {
            emit("| " + m.server() + " | " + m.sessions() + " | " + fmt(m.before().heap() / 1048576.0) + " | "
                    + fmt(m.after().heap() / 1048576.0) + " | " + fmt(m.heapPerSession() / 1024) + " | "
                    + fmt(m.rssPerSession() / 1024) + " | " + m.before().threads() + " -> " + m.after().threads() + " |");
        }
        for (IdleMemory parley : memories.stream().filter(m -> m.server().startsWith("parley")).toList()) {
            IdleMemory base = memories.stream().filter(m -> m.server().equals(baselineOf(parley.server()))).findFirst()
                    .orElse(null);
            if (base != null) {
                emit("\n- heap per idle session, " + parley.server() + " minus " + base.server() + ": "
                        + fmt((parley.heapPerSession() - base.heapPerSession()) / 1024) + " KB (target <= 64 KB)");
            }
        }
    }

    /** The baseline a parley server is compared with: the one on the same I/O strategy ({@code parley-inline@same-thread}). */
    private static String baselineOf(String parleyKind) {
        int at = parleyKind.indexOf('@');
        return "baseline" + (at < 0 ? "" : parleyKind.substring(at));
    }

    private static String tableHeader() {
        return "| server | sessions | run | chunks | lost | errors | p50 ms | p99 ms | p99 from send ms | p99.9 ms | max ms "
                + "| server CPU µs/chunk | server CPU % (of it system) | server JIT CPU % | server context switches/chunk "
                + "| generator CPU % "
                + "| other processes CPU % | send lag p99 / max ms | generator GC pause ms | server threads | pings |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    private String row(StepResult r) {
        return "| " + r.server() + " | " + r.sessions() + " | "
                + (r.repeat() == 0 ? "median" : r.repeat() + (disturbed(r) ? "*" : ""))
                + " | " + r.chunks() + " | " + r.lost() + " | " + r.errors() + " | " + fmt(r.p50()) + " | " + fmt(r.p99())
                + " | " + fmt(r.sentP99()) + " | " + fmt(r.p999()) + " | " + fmt(r.max()) + " | " + fmt(r.serverCpuMicrosPerChunk()) + " | "
                + fmt(r.serverCpuPercent()) + " (" + fmt(r.serverSystemPercent()) + ") | " + fmt(r.jitCpuPercent()) + " | " + fmt(r.contextSwitchesPerChunk()) + " | " + fmt(r.generatorCpuPercent()) + " | " + fmt(r.otherProcessesCpuPercent()) + " | " + fmt(r.sendLagP99Millis()) + " / "
                + fmt(r.sendLagMaxMillis()) + " | " + r.generatorGcMillis() + " | " + r.serverThreads() + " | " + r.pings() + " |";
    }

    /** Whether something other than the server shaped this run: a late generator or a busy machine. */
    private boolean disturbed(StepResult r) {
        return r.generatorCpuPercent() > config.maxGeneratorCpuPercent()
                || r.otherProcessesCpuPercent() > config.maxOtherCpuPercent();
    }

    private List<StepResult> cleanOrAll(List<StepResult> runs) {
        List<StepResult> clean = runs.stream().filter(r -> !disturbed(r)).toList();
        return clean.isEmpty() ? runs : clean;
    }

    /** Per column medians of repeated runs; lost and errors are summed (any loss fails the step). */
    private static StepResult median(List<StepResult> runs) {
        if (runs.size() == 1) {
            StepResult r = runs.get(0);
            return new StepResult(r.server(), r.sessions(), 0, r.chunks(), r.lost(), r.errors(), r.p50(), r.p99(), r.sentP99(),
                    r.p999(),
                    r.max(), r.serverCpuMicrosPerChunk(), r.serverCpuPercent(), r.generatorCpuPercent(),
                    r.sendLagP99Millis(), r.sendLagMaxMillis(), r.generatorGcMillis(), r.serverThreads(), r.pings(),
                    r.otherProcessesCpuPercent(), r.serverSystemPercent(), r.contextSwitchesPerChunk(), r.jitCpuPercent());
        }
        StepResult first = runs.get(0);
        return new StepResult(first.server(), first.sessions(), 0,
                (long) medianOf(runs.stream().map(r -> (double) r.chunks()).toList()),
                runs.stream().mapToLong(StepResult::lost).sum(),
                runs.stream().mapToInt(StepResult::errors).sum(),
                medianOf(runs.stream().map(StepResult::p50).toList()),
                medianOf(runs.stream().map(StepResult::p99).toList()),
                medianOf(runs.stream().map(StepResult::sentP99).toList()),
                medianOf(runs.stream().map(StepResult::p999).toList()),
                medianOf(runs.stream().map(StepResult::max).toList()),
                medianOf(runs.stream().map(StepResult::serverCpuMicrosPerChunk).toList()),
                medianOf(runs.stream().map(StepResult::serverCpuPercent).toList()),
                medianOf(runs.stream().map(StepResult::generatorCpuPercent).toList()),
                medianOf(runs.stream().map(StepResult::sendLagP99Millis).toList()),
                medianOf(runs.stream().map(StepResult::sendLagMaxMillis).toList()),
                (long) medianOf(runs.stream().map(r -> (double) r.generatorGcMillis()).toList()),
                (int) medianOf(runs.stream().map(r -> (double) r.serverThreads()).toList()),
                (long) medianOf(runs.stream().map(r -> (double) r.pings()).toList()),
                medianOf(runs.stream().map(StepResult::otherProcessesCpuPercent).toList()),
                medianOf(runs.stream().map(StepResult::serverSystemPercent).toList()),
                medianOf(runs.stream().map(StepResult::contextSwitchesPerChunk).toList()),
                medianOf(runs.stream().map(StepResult::jitCpuPercent).toList()));
    }

    static double medianOf(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }

    private static String fmt(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private void emit(String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }

    private static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** Moves every thread of this JVM to {@code cpus}; threads started later inherit it. */
    private static void pinSelf(String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            taskset.destroyForcibly();
            System.err.println("[bench] could not pin the generator to CPU " + cpus + "; running unpinned");
        }
    }
}
