package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.AudioConverter;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Feeds one session's user audio to its {@link EmotionStream} on the worker pool, one frame after another, and
 * hands on what it reads. The network thread only queues; when the detector falls behind by {@link #MAX_BACKLOG}
 * frames, new ones are skipped until it catches up. A detector that fails is reported once and stops.
 */
final class EmotionDetection {
    private static final System.Logger LOG = System.getLogger(EmotionDetection.class.getName());
    static final int MAX_BACKLOG = 200;

    /** Where readings and the failure go. */
    interface Listener {
        void emotions(EmotionReading reading);

        void detectionFailed(String detector, RuntimeException failure);
    }

    private final EmotionDetector detector;
    private final EmotionStream stream;
    private final AudioConverter converter;
    private final Executor workers;
    private final Listener listener;
    /** The last queued step; each frame runs after the one before. */
    private CompletableFuture<Void> lane = CompletableFuture.completedFuture(null);
    private int backlog;
    private boolean stopped;

    EmotionDetection(EmotionDetector detector, AudioFormat clientFormat, Executor workers, Listener listener) {
        this.detector = detector;
        this.stream = detector.open();
        this.converter = new AudioConverter(clientFormat, detector.inputFormat());
        this.workers = workers;
        this.listener = listener;
    }

    /** User audio in the client's format (not kept beyond analysis). */
    synchronized void accept(AudioFrame frame) {
        if (stopped) {
            return;
        }
        if (backlog >= MAX_BACKLOG) {
            LOG.log(Level.DEBUG, "Emotion detector {0} is behind; skipping a frame", detector.name());
            return;
        }
        backlog++;
        lane = lane.thenRunAsync(() -> analyse(frame), workers);
    }

    /** The session ended: the stream is closed after what is queued. */
    synchronized void close() {
        if (!stopped) {
            stopped = true;
            lane = lane.thenRunAsync(stream::close, workers);
        }
    }

    private void analyse(AudioFrame frame) {
        synchronized (this) {
            backlog--;
            if (stopped) {
                return;
            }
        }
        Optional<EmotionReading> reading;
        try {
            reading = stream.accept(converter.convert(frame));
        } catch (RuntimeException failure) {
            close();
            listener.detectionFailed(detector.name(), failure);
            return;
        }
        reading.filter(found -> !found.scores().isEmpty()).ifPresent(listener::emotions);
    }
}
