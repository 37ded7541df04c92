package dev.parley.runtime.speech.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Recognition;
import dev.parley.api.spi.RecognitionListener;
import dev.parley.api.spi.RecognitionStream;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import dev.parley.runtime.speech.SpeechSamples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Vosk on real synthesized speech; needs the model the build unpacks (parley.stt.vosk.model). */
@Tag("slow")
class VoskSpeechToTextTest {

    static final String SENTENCE = "what are your opening hours";
    static final Set<String> KEY_WORDS = Set.of("what", "your", "opening", "hours");

    static VoskSpeechToText vosk;
    static int loadsBefore;

    @BeforeAll
    static void start() {
        loadsBefore = VoskModels.loads();
        long t0 = System.nanoTime();
        vosk = VoskSpeechToText.fromSettings(Settings.fromSystem());
        System.out.printf("[measure] vosk engine start %.0f ms (model load %.0f ms, %d recognizers warmed)%n",
                (System.nanoTime() - t0) / 1e6, VoskModels.loadNanos(modelDirectory()) / 1e6, vosk.recognizersCreated());
        long t1 = System.nanoTime();
        try (VoskSpeechToText another = new VoskSpeechToText(modelDirectory(), 16_000, 1, 200)) {
            System.out.printf("[measure] one more warmed recognizer (model shared) %.0f ms%n", (System.nanoTime() - t1) / 1e6);
            assertEquals(1, another.recognizersCreated());
        }
    }

    @AfterAll
    static void stop() {
        if (vosk != null) {
            vosk.close();
        }
    }

    static Path modelDirectory() {
        return Path.of(System.getProperty(VoskModels.MODEL_SETTING));
    }

    @Test
    void recognizesASentenceWithPartialsFirstAndWordTimings() {
        short[] audio = SpeechSamples.concat(SpeechSamples.silence(0.3, 16_000),
                SpeechSamples.flite(SENTENCE, "slt"), SpeechSamples.silence(0.3, 16_000));
        Collector result = new Collector();
        long t0 = System.nanoTime();
        try (RecognitionStream stream = vosk.open(result)) {
            feed(stream, audio, 20);
            stream.endTurn();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double duration = audio.length / 16_000.0;
        System.out.printf("[measure] vosk %.2f s of audio in %.3f s: %.1fx real time; '%s'%n",
                duration, seconds, duration / seconds, result.recognition.text());

        assertKeyWords(result.recognition.text());
        assertFalse(result.partials.isEmpty(), "no partial result");
        assertTrue(result.events.indexOf("completed") > 0, "partials come before the final result: " + result.events);
        assertTrue(result.events.subList(0, result.events.indexOf("completed")).stream().allMatch(e -> e.startsWith("partial")));
        List<Recognition.Word> words = result.recognition.words();
        assertEquals(result.recognition.text(), words.stream().map(Recognition.Word::word).collect(Collectors.joining(" ")));
        double previousEnd = 0;
        for (Recognition.Word word : words) {
            assertTrue(word.start() >= previousEnd - 1e-6 && word.end() > word.start(), "word timings increase: " + words);
            assertTrue(word.end() <= duration + 1e-6, "within the audio: " + words);
            assertTrue(word.confidence() > 0 && word.confidence() <= 1, "confidence " + word);
            previousEnd = word.end();
        }
        assertTrue(words.get(0).start() >= 0.25, "the first word starts after the leading 0.3 s of silence: " + words);
    }

    @Test
    void recognizesASecondVoice() {
        Collector result = new Collector();
        try (RecognitionStream stream = vosk.open(result)) {
            feed(stream, SpeechSamples.espeak(SENTENCE, "en-us"), 30);
            stream.endTurn();
        }
        assertKeyWords(result.recognition.text());
    }

    @Test
    void reusesRecognizersAcrossSessionsAndLoadsTheModelOnce() {
        int created = vosk.recognizersCreated();
        short[] first = SpeechSamples.flite(SENTENCE, "slt");
        short[] second = SpeechSamples.flite("please book a table for two", "kal16");
        for (int session = 0; session < 2; session++) {
            for (short[] audio : List.of(first, second)) {
                Collector result = new Collector();
                try (RecognitionStream stream = vosk.open(result)) {
                    feed(stream, audio, 20);
                    stream.endTurn();
                }
                double duration = audio.length / 16_000.0;
                assertTrue(result.recognition.words().stream().allMatch(w -> w.start() >= 0 && w.end() <= duration + 1e-6),
                        "word times count from this turn's start: " + result.recognition.words());
                if (audio == first) {
                    assertKeyWords(result.recognition.text());
                } else {
                    assertTrue(overlap(result.recognition.text(), Set.of("book", "table", "two")) >= 2,
                            "'" + result.recognition.text() + "'");
                }
            }
        }
        assertEquals(created, vosk.recognizersCreated(), "sessions borrow pooled recognizers");
        try (VoskSpeechToText second2 = new VoskSpeechToText(modelDirectory(), 16_000, 0, 200)) {
            assertNotNull(second2);
        }
        assertTrue(VoskModels.loads() - loadsBefore <= 1, "the model was loaded at most once by these tests");
    }

    @Test
    void twoTurnsInOneSessionAndResetDiscards() {
        Collector result = new Collector();
        try (RecognitionStream stream = vosk.open(result)) {
            feed(stream, SpeechSamples.flite("cancel my order", "slt"), 20);
            stream.reset(); // a false start: forgotten
            feed(stream, SpeechSamples.flite(SENTENCE, "slt"), 20);
            stream.endTurn();
            assertKeyWords(result.recognition.text());
            assertFalse(result.recognition.text().contains("cancel"), result.recognition.text());
            Recognition firstTurn = result.recognition;
            stream.endTurn(); // nothing heard since
            assertEquals("", result.recognition.text());
            assertTrue(result.recognition.words().isEmpty());
            assertEquals(2, result.completed.size());
            assertEquals(firstTurn, result.completed.get(0));
        }
    }

    @Test
    void concurrentSessionsGetTheirOwnRecognizers() throws Exception {
        Collector a = new Collector();
        Collector b = new Collector();
        short[] audioA = SpeechSamples.flite(SENTENCE, "slt");
        short[] audioB = SpeechSamples.flite("please book a table for two", "slt");
        try (RecognitionStream streamA = vosk.open(a); RecognitionStream streamB = vosk.open(b)) {
            Thread other = new Thread(() -> {
                feed(streamB, audioB, 20);
                streamB.endTurn();
            });
            other.start();
            feed(streamA, audioA, 20);
            streamA.endTurn();
            other.join();
        }
        assertKeyWords(a.recognition.text());
        assertTrue(overlap(b.recognition.text(), Set.of("book", "table", "two")) >= 2, b.recognition.text());
    }

    @Test
    void rejectsAudioInAnotherFormatAndUseAfterClose() {
        RecognitionStream stream = vosk.open(new Collector());
        assertThrows(IllegalArgumentException.class,
                () -> stream.accept(new AudioFrame(AudioFormat.pcm16(8_000), new byte[320])));
        stream.close();
        stream.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> stream.accept(new AudioFrame(AudioFormat.PCM16_16K, new byte[320])));
    }

    @Test
    void aMissingModelSaysHowToGetIt() {
        SpeechEngineException e = assertThrows(SpeechEngineException.class,
                () -> new VoskSpeechToText(Path.of("/nonexistent/vosk-model"), 16_000, 1, 200));
        assertTrue(e.getMessage().contains("/nonexistent/vosk-model"), e.getMessage());
        assertTrue(e.getMessage().contains("com.alphacephei:vosk-model-en:0.3.45"), e.getMessage());
        assertTrue(e.getMessage().contains("parley.stt.vosk.model"), e.getMessage());

        SpeechEngineException unset = assertThrows(SpeechEngineException.class,
                () -> VoskSpeechToText.fromSettings(new Settings(key -> null, Map.of())));
        assertTrue(unset.getMessage().contains("parley.stt.vosk.model") && unset.getMessage().contains("vosk-model-en"),
                unset.getMessage());
    }

    static void feed(RecognitionStream stream, short[] audio, int frameMillis) {
        int frame = 16 * frameMillis;
        for (int at = 0; at < audio.length; at += frame) {
            short[] part = Arrays.copyOfRange(audio, at, Math.min(audio.length, at + frame));
            stream.accept(new AudioFrame(AudioFormat.PCM16_16K, SpeechSamples.bytes(part)));
        }
    }

    static void assertKeyWords(String text) {
        assertTrue(overlap(text, KEY_WORDS) >= 3, "at least 3 of " + KEY_WORDS + " in '" + text + "'");
    }

    static int overlap(String text, Set<String> words) {
        Set<String> heard = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z']+")).collect(Collectors.toSet());
        return (int) words.stream().filter(heard::contains).count();
    }

    static final class Collector implements RecognitionListener {
        final List<String> partials = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<Recognition> completed = new ArrayList<>();
        Recognition recognition;

        @Override
        public void partial(String text) {
            partials.add(text);
            events.add("partial " + text);
        }

        @Override
        public void completed(Recognition recognition) {
            this.recognition = recognition;
            completed.add(recognition);
            events.add("completed");
        }

        @Override
        public void failed(Exception failure) {
            throw new AssertionError("recognition failed", failure);
        }
    }
}
