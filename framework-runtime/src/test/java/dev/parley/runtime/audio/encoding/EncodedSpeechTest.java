package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Recognition;
import dev.parley.api.spi.RecognitionListener;
import dev.parley.api.spi.RecognitionStream;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechSamples;
import dev.parley.runtime.speech.stt.VoskSpeechToText;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real speech (flite) through the lossy encoders at the rates PlayAI clients use, decoded by independent decoders and
 * judged by Vosk; needs the model the build unpacks (parley.stt.vosk.model), hence "slow" like the other Vosk tests.
 */
@Tag("slow")
class EncodedSpeechTest {

    private static final String SENTENCE = "what are your opening hours";
    private static final Set<String> KEY_WORDS = Set.of("what", "your", "opening", "hours");

    private static VoskSpeechToText vosk;

    @BeforeAll
    static void loadVosk() {
        vosk = VoskSpeechToText.fromSettings(Settings.fromSystem());
    }

    @AfterAll
    static void closeVosk() {
        if (vosk != null) {
            vosk.close();
        }
    }

    @Test
    void mp3At44100IsUnderstood() {
        short[] speech = speechAt(44_100);
        byte[] mp3 = Signals.encode(new Mp3StreamEncoder(44_100), speech);
        assertUnderstood(SpeechSamples.resample(Mp3Decoding.decode(mp3).samples(), 44_100, 16_000));
    }

    @Test
    void oggOpusAt48000IsUnderstood() {
        short[] speech = speechAt(48_000);
        byte[] opus = Signals.encode(new OggOpusStreamEncoder(48_000), speech);
        assertUnderstood(SpeechSamples.resample(OggOpusFile.parse(opus).decode(), 48_000, 16_000));
    }

    /** flite's sentence (16 kHz) at {@code rate}, with the pause after it that ends a turn. */
    private static short[] speechAt(int rate) {
        short[] spoken = SpeechSamples.concat(SpeechSamples.flite(SENTENCE, "slt"), SpeechSamples.silence(0.5, 16_000));
        return SpeechSamples.resample(spoken, 16_000, rate);
    }

    private static void assertUnderstood(short[] pcm16k) {
        String text = transcribe(pcm16k);
        Set<String> heard = Arrays.stream(text.split("[^a-z']+")).collect(Collectors.toSet());
        long found = KEY_WORDS.stream().filter(heard::contains).count();
        assertTrue(found >= 3, "at least 3 of " + KEY_WORDS + " in '" + text + "'");
    }

    private static String transcribe(short[] pcm16k) {
        Transcript transcript = new Transcript();
        try (RecognitionStream stream = vosk.open(transcript)) {
            stream.accept(new AudioFrame(AudioFormat.PCM16_16K, SpeechSamples.bytes(pcm16k)));
            stream.endTurn();
        }
        return transcript.text();
    }

    /** The text of the one turn recognized. */
    private static final class Transcript implements RecognitionListener {
        private final CompletableFuture<String> text = new CompletableFuture<>();

        @Override
        public void partial(String partialText) {
        }

        @Override
        public void completed(Recognition recognition) {
            text.complete(recognition.text().toLowerCase(Locale.ROOT));
        }

        @Override
        public void failed(Exception failure) {
            text.completeExceptionally(failure);
        }

        String text() {
            try {
                return text.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no transcript", e);
            }
        }
    }
}
