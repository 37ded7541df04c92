package dev.parley.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * JSON frames a test client received, read in order with bounded waits.
 */
public final class FrameQueue {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

    public void add(JsonNode frame) {
        frames.add(frame);
    }

    /** The next frame; fails after 5 s. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within " + WAIT.toSeconds() + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, or null if none comes within {@code wait}. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame of {@code type}, skipping others (for streams whose interleaving is not the point). */
    public JsonNode skipTo(String type) {
        return skipTo(frame -> type.equals(frame.path("type").asText()), type);
    }

    /** The next frame that matches, skipping others. */
    public JsonNode skipTo(Predicate<JsonNode> wanted, String what) {
        for (int i = 0; i < 1_000; i++) {
            JsonNode frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("No " + what + " frame among the next 1000");
    }

    /** Asserts that no frame arrives within {@code quiet}. */
    public void expectSilence(Duration quiet) throws InterruptedException {
        JsonNode frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(frame, () -> "Expected no frame, got " + frame);
    }

    /** Frames received and not yet read. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        frames.drainTo(all);
        return all;
    }
}
