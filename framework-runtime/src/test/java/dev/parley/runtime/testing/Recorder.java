package dev.parley.runtime.testing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What test agents observed, as events a test can wait for ({@code "interrupted:heard text"}). */
@ApplicationScoped
public class Recorder {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    public void record(String event) {
        events.add(event);
    }

    /** The next event starting with one of the {@code prefixes}, skipping others; fails after 5 s. */
    public String await(String... prefixes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("No event starting with '" + String.join("' or '", prefixes) + "' within 5 s");
            }
            for (String prefix : prefixes) {
                if (event.startsWith(prefix)) {
                    return event;
                }
            }
        }
    }

    public List<String> drain() {
        List<String> all = new java.util.ArrayList<>();
        events.drainTo(all);
        return all;
    }
}
