package dev.parley.benchmarks.load;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Differences of two {@code jcmd GC.class_histogram} outputs: which classes the idle sessions added to the heap. */
final class Histograms {
    private Histograms() {
    }

    /** A markdown table of the {@code top} classes by bytes added, per session. */
    static String growth(String before, String after, int sessions, int top) {
        Map<String, long[]> start = parse(before);
        Map<String, long[]> end = parse(after);
        StringBuilder out = new StringBuilder("| bytes/session | instances/session | class |\n|---:|---:|---|\n");
        end.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - start.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - start.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %.0f | %.2f | %s |%n",
                        e.getValue()[1] / (double) sessions, e.getValue()[0] / (double) sessions, e.getKey())));
        return out.toString();
    }

    /** Class name to {instances, bytes}. */
    private static Map<String, long[]> parse(String histogram) {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                try {
                    classes.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                } catch (NumberFormatException header) {
                    // not a class line
                }
            }
        }
        return classes;
    }
}
