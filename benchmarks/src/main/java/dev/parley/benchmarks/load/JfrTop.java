package dev.parley.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's CPU went, from a JFR recording's {@code jdk.ExecutionSample} events: the methods most often on
 * top of the stack (self) and most often anywhere on it (total, counted once per sample). Also runnable on its own:
 * {@code java -cp ... dev.parley.benchmarks.load.JfrTop FILE.jfr [N]}.
 */
public final class JfrTop {
    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(summary(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 30));
    }

    static String summary(Path recording, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            threads.merge(threadGroup(event), 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new LinkedHashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(name(frame))) {
                    total.merge(name(frame), 1, Integer::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(samples).append(" samples\n\n| thread % | threads |\n|---:|---|\n");
        append(out, threads, samples, top);
        out.append("\n| self % | method |\n|---:|---|\n");
        append(out, self, samples, top);
        out.append("\n| total % | method (Parley, the baseline, Jackson, Tyrus, Grizzly, JDK I/O) |\n|---:|---|\n");
        Map<String, Integer> interesting = new HashMap<>();
        total.forEach((method, count) -> {
            if (method.startsWith("dev.parley") || method.startsWith("com.fasterxml") || method.startsWith("org.glassfish")
                    || method.startsWith("java.util.Base64") || method.startsWith("sun.nio") || method.startsWith("org.hibernate")) {
                interesting.put(method, count);
            }
        });
        append(out, interesting, samples, top);
        return out.toString();
    }

    private static void append(StringBuilder out, Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "| %.1f | %s |%n",
                        100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    }

    /** The sampled thread's name without its number: grizzly workers, parley-worker, parley-timer ... */
    private static String threadGroup(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
        return name.replaceAll("[-(]?\\d+\\)?$", "").replaceAll("\\d+", "N");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
