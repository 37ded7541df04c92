package dev.parley.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load benchmark's settings, from system properties ({@code -Dbench.xxx}); {@code bench.quick=true} changes the
 * defaults to a smoke run of well under a minute. Everything is listed in docs/performance.md.
 */
record LoadConfig(boolean quick, List<String> servers, List<Integer> steps, int maxSessions, int repeats,
                  double warmupSeconds, double measureSeconds, double graceSeconds, int warmSessions, double warmSeconds,
                  int warmRounds, double warmJitCpuPercent,
                  int idleSessions, double idleSettleSeconds, double p99LimitMillis, double maxGeneratorCpuPercent,
                  double maxOtherCpuPercent, int retries, double refineResolution, long pingMillis, String client,
                  int clientThreads, int connectConcurrency, boolean pin, String serverCpus, String generatorCpus,
                  String serverJvm, boolean profile, Path dir) {

    static LoadConfig fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        boolean canPin = Runtime.getRuntime().availableProcessors() >= 2 && new java.io.File("/usr/bin/taskset").canExecute();
        List<Integer> steps = Arrays.stream(get("bench.steps", quick ? "10,25" : "50,100,200,400,600,800,1000,1250,1500,1750,2000")
                .split(",")).map(String::trim).map(Integer::valueOf).toList();
        return new LoadConfig(
                quick,
                List.of(get("bench.servers", "parley,baseline").split(",")),
                steps,
                Integer.parseInt(get("bench.maxSessions", quick ? "25" : "2000")),
                Integer.parseInt(get("bench.repeats", quick ? "1" : "3")),
                Double.parseDouble(get("bench.warmupSeconds", quick ? "1" : "3")),
                Double.parseDouble(get("bench.measureSeconds", quick ? "3" : "10")),
                Double.parseDouble(get("bench.graceSeconds", "3")),
                // the JIT compiles for the load it sees: a warm-up lighter than the first step leaves branches that step
                // takes uncompiled (docs/performance.md, "The first-step transient")
                Integer.parseInt(get("bench.warmSessions", String.valueOf(Math.max(steps.get(0), quick ? 10 : 100)))),
                Double.parseDouble(get("bench.warmSeconds", quick ? "3" : "15")),
                Integer.parseInt(get("bench.warmRounds", quick ? "1" : "6")),
                Double.parseDouble(get("bench.warmJitCpuPercent", "5")),
                Integer.parseInt(get("bench.idleSessions", quick ? "25" : "500")),
                Double.parseDouble(get("bench.idleSettleSeconds", quick ? "2" : "3")),
                Double.parseDouble(get("bench.p99LimitMillis", "50")),
                Double.parseDouble(get("bench.maxGeneratorCpuPercent", "90")),
                Double.parseDouble(get("bench.maxOtherCpuPercent", "50")),
                Integer.parseInt(get("bench.retries", quick ? "0" : "2")),
                Double.parseDouble(get("bench.refineResolution", quick ? "0" : "0.05")),
                Long.parseLong(get("bench.pingMillis", "1000")),
                get("bench.client", "nio"),
                Integer.parseInt(get("bench.clientThreads", "2")),
                Integer.parseInt(get("bench.connectConcurrency", "64")),
                Boolean.parseBoolean(get("bench.pin", "true")) && canPin,
                get("bench.serverCpus", "0"),
                get("bench.generatorCpus", "1"),
                get("bench.serverJvm", "-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch"),
                Boolean.getBoolean("bench.profile"),
                Path.of(get("bench.dir", "target/bench")).toAbsolutePath());
    }

    private static String get(String key, String defaultValue) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    static List<String> split(String options) {
        List<String> parts = new ArrayList<>();
        for (String part : options.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}
