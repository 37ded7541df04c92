package dev.parley.benchmarks.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of every other process on the machine (from /proc/PID/stat), to show when something else competed
 * with a step: on a shared machine that, not the servers, is often what moves the tail latencies. Per-CPU figures
 * from /proc/stat are tick samples and disagree with the processes' own (precise) times for this bursty load, so
 * they are not used.
 */
final class CpuStat {
    private static final long MICROS_PER_TICK = 10_000; // USER_HZ = 100

    private CpuStat() {
    }

    /**
     * User plus system CPU microseconds of each process but {@code excluded}, including that of its children
     * that have exited (so a short build that starts and ends within a step still counts, in its parent).
     */
    static Map<Long, Long> others(Set<Long> excluded) {
        Map<Long, Long> cpu = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (excluded.contains(pid)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.put(pid, (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                            + Long.parseLong(fields[14])) * MICROS_PER_TICK);
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    /**
     * CPU microseconds the other processes used between two snapshots: new processes count in full, and a process
     * that exited moved its time into its parent's children time.
     */
    static long delta(Map<Long, Long> start, Map<Long, Long> end) {
        long before = start.values().stream().mapToLong(Long::longValue).sum();
        long after = end.values().stream().mapToLong(Long::longValue).sum();
        return Math.max(0, after - before);
    }
}
