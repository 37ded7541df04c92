package dev.parley.runtime.speech.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Recognition;
import dev.parley.api.spi.RecognitionListener;
import dev.parley.api.spi.RecognitionStream;
import dev.parley.api.spi.SpeechToText;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Embedded speech recognition with Vosk (Kaldi), streaming partial and final results with word timings.
 *
 * <p>The model is loaded once per process, however many engines use it. Recognizers are created and warmed when
 * the engine starts ({@code parley.stt.vosk.recognizers}, default 2) and pooled: a session borrows one for its
 * whole life and gives it back, cleaned, when its stream closes. When more sessions recognize at once than the pool
 * holds, another recognizer is created (a few milliseconds; the model is never loaded per session) and kept.
 *
 * <p>Settings: {@code parley.stt.vosk.model} the model directory (required); {@code parley.stt.vosk.sample-rate}
 * (default 16000); {@code parley.stt.vosk.recognizers}; {@code parley.stt.vosk.partial-interval}, audio between two
 * partial results (default 200 ms; 0 asks after every frame).
 *
 * <p>{@link RecognitionStream#accept} decodes on the calling thread (about a tenth of the audio's duration), and
 * results reach the listener on that thread too. This class and {@link VoskModels} are the only ones that touch
 * Vosk, an optional dependency of the runtime.
 */
public final class VoskSpeechToText implements SpeechToText, AutoCloseable {

    public static final String NAME = "vosk";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path modelDirectory;
    private final Model model;
    private final AudioFormat format;
    private final int partialIntervalBytes;
    private final ArrayDeque<PooledRecognizer> idle = new ArrayDeque<>();
    private int created;
    private boolean closed;

    /**
     * Loads (or shares) the model and warms {@code recognizers} recognizers.
     *
     * @param modelDirectory    an unpacked Vosk model
     * @param sampleRate        the rate audio arrives at
     * @param recognizers       how many recognizers to warm now
     * @param partialIntervalMs audio between two partial results; 0 for every frame
     * @throws SpeechEngineException if the model is missing or cannot be loaded
     */
    public VoskSpeechToText(Path modelDirectory, int sampleRate, int recognizers, int partialIntervalMs) {
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        if (sampleRate < 8_000 || recognizers < 0 || partialIntervalMs < 0) {
            throw new SpeechEngineException("Vosk needs a sample rate of at least 8000 Hz and non-negative recognizer "
                    + "count and partial interval, not " + sampleRate + ", " + recognizers + ", " + partialIntervalMs);
        }
        this.modelDirectory = modelDirectory.toAbsolutePath().normalize();
        this.format = AudioFormat.pcm16(sampleRate);
        this.partialIntervalBytes = (int) ((long) sampleRate * partialIntervalMs / 1000) * 2;
        this.model = VoskModels.acquire(this.modelDirectory);
        try {
            List<PooledRecognizer> warmed = new ArrayList<>();
            for (int i = 0; i < recognizers; i++) {
                warmed.add(newRecognizer(true));
            }
            idle.addAll(warmed);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The engine configured by {@code parley.stt.vosk.*}. */
    public static VoskSpeechToText fromSettings(Settings settings) {
        String directory = settings.get(VoskModels.MODEL_SETTING).orElseThrow(() -> new SpeechEngineException(
                "The setting " + VoskModels.MODEL_SETTING + " (or PARLEY_STT_VOSK_MODEL), the Vosk model directory, "
                        + "is not set. " + VoskModels.HOW_TO_GET));
        return new VoskSpeechToText(Path.of(directory),
                settings.getInt("parley.stt.vosk.sample-rate", 16_000),
                settings.getInt("parley.stt.vosk.recognizers", 2),
                (int) settings.getDuration("parley.stt.vosk.partial-interval", java.time.Duration.ofMillis(200)).toMillis());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AudioFormat inputFormat() {
        return format;
    }

    @Override
    public RecognitionStream open(RecognitionListener listener) {
        Objects.requireNonNull(listener, "listener");
        PooledRecognizer recognizer;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Vosk engine is closed");
            }
            recognizer = idle.pollFirst();
        }
        if (recognizer == null) {
            recognizer = newRecognizer(false);
        }
        return new Stream(recognizer, listener);
    }

    /** Recognizers created so far (warmed ones included); stays flat while sessions come and go. */
    public synchronized int recognizersCreated() {
        return created;
    }

    /** Recognizers waiting in the pool. */
    public synchronized int recognizersIdle() {
        return idle.size();
    }

    /** Frees the pooled recognizers and this engine's hold on the model; streams still open free theirs on close. */
    @Override
    public void close() {
        List<PooledRecognizer> free;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            free = new ArrayList<>(idle);
            idle.clear();
        }
        free.forEach(r -> r.recognizer.close());
        VoskModels.release(modelDirectory);
    }

    @Override
    public String toString() {
        return "VoskSpeechToText[" + modelDirectory + ", " + format.sampleRate() + " Hz]";
    }

    private PooledRecognizer newRecognizer(boolean warm) {
        Recognizer recognizer;
        try {
            recognizer = new Recognizer(model, format.sampleRate());
        } catch (IOException e) {
            throw new SpeechEngineException("Vosk could not create a recognizer: " + e.getMessage(), e);
        }
        recognizer.setWords(true);
        PooledRecognizer pooled = new PooledRecognizer(recognizer);
        if (warm) {
            // Decode a little silence so the first session does not pay for paging in the graph.
            byte[] silence = new byte[format.bytesPerSecond() / 5];
            recognizer.acceptWaveForm(silence, silence.length);
            recognizer.getFinalResult();
            pooled.samplesFed += silence.length / 2;
        }
        synchronized (this) {
            created++;
        }
        return pooled;
    }

    private void giveBack(PooledRecognizer recognizer) {
        synchronized (this) {
            if (!closed) {
                idle.addFirst(recognizer); // the most recently used one is the warmest
                return;
            }
        }
        recognizer.recognizer.close();
    }

    /** A recognizer and the audio it has decoded over its life, which Vosk's word times count from. */
    private static final class PooledRecognizer {
        final Recognizer recognizer;
        long samplesFed;

        PooledRecognizer(Recognizer recognizer) {
            this.recognizer = recognizer;
        }
    }

    private final class Stream implements RecognitionStream {
        private final RecognitionListener listener;
        private PooledRecognizer pooled;
        private final StringBuilder turnText = new StringBuilder();
        private final List<Recognition.Word> turnWords = new ArrayList<>();
        private double turnStart;
        private int bytesSincePartial;
        private String lastPartial = "";
        private boolean failed;

        Stream(PooledRecognizer pooled, RecognitionListener listener) {
            this.pooled = pooled;
            this.listener = listener;
            startTurn();
        }

        @Override
        public synchronized void accept(AudioFrame speech) {
            Objects.requireNonNull(speech, "speech");
            if (!speech.format().equals(format)) {
                throw new IllegalArgumentException("Vosk expects " + format + ", not " + speech.format());
            }
            Recognizer recognizer = usable();
            if (recognizer == null) {
                return;
            }
            byte[] data = speech.data();
            try {
                boolean endpoint = recognizer.acceptWaveForm(data, data.length);
                pooled.samplesFed += data.length / 2;
                if (endpoint) {
                    // Vosk found a pause inside the turn: keep the segment, the turn goes on.
                    addSegment(recognizer.getResult());
                    bytesSincePartial = 0;
                    emitPartial("");
                } else {
                    bytesSincePartial += data.length;
                    if (bytesSincePartial >= partialIntervalBytes) {
                        bytesSincePartial = 0;
                        emitPartial(JSON.readTree(recognizer.getPartialResult()).path("partial").asText(""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public synchronized void endTurn() {
            Recognizer recognizer = usable();
            if (recognizer == null) {
                return;
            }
            Recognition recognition;
            try {
                addSegment(recognizer.getFinalResult());
                recognition = new Recognition(turnText.toString(), turnWords);
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
            startTurn();
            listener.completed(recognition);
        }

        @Override
        public synchronized void reset() {
            Recognizer recognizer = usable();
            if (recognizer == null) {
                return;
            }
            try {
                // A final result (thrown away) restarts Vosk's feature pipeline, so nothing heard leaks into the next
                // turn; Recognizer.reset() would keep a few buffered frames.
                recognizer.getFinalResult();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            startTurn();
        }

        @Override
        public synchronized void close() {
            PooledRecognizer returned = pooled;
            if (returned == null) {
                return;
            }
            pooled = null;
            try {
                returned.recognizer.getFinalResult(); // the next session starts from a clean pipeline
            } catch (RuntimeException e) {
                returned.recognizer.close();
                return;
            }
            giveBack(returned);
        }

        /** The recognizer, or null once the stream failed (the listener has been told; later calls do nothing). */
        private Recognizer usable() {
            if (pooled == null) {
                if (failed) {
                    return null;
                }
                throw new IllegalStateException("the recognition stream is closed");
            }
            return pooled.recognizer;
        }

        private void startTurn() {
            turnText.setLength(0);
            turnWords.clear();
            turnStart = pooled.samplesFed / (double) format.sampleRate();
            bytesSincePartial = 0;
            lastPartial = "";
        }

        private void addSegment(String json) throws IOException {
            JsonNode result = JSON.readTree(json);
            String text = result.path("text").asText("").trim();
            if (!text.isEmpty()) {
                if (turnText.length() > 0) {
                    turnText.append(' ');
                }
                turnText.append(text);
            }
            for (JsonNode word : result.path("result")) {
                double start = Math.max(0, word.path("start").asDouble() - turnStart);
                double end = Math.max(start, word.path("end").asDouble() - turnStart);
                turnWords.add(new Recognition.Word(word.path("word").asText(), start, end, word.path("conf").asDouble(1)));
            }
        }

        private void emitPartial(String segmentPartial) {
            String partial = segmentPartial.isBlank() ? turnText.toString()
                    : turnText.length() == 0 ? segmentPartial.trim() : turnText + " " + segmentPartial.trim();
            if (!partial.isEmpty() && !partial.equals(lastPartial)) {
                lastPartial = partial;
                listener.partial(partial);
            }
        }

        private void fail(Exception e) {
            PooledRecognizer broken = pooled;
            pooled = null;
            failed = true;
            if (broken != null) {
                broken.recognizer.close(); // never pooled again: its state is unknown
            }
            listener.failed(e);
        }
    }
}
