package dev.parley.runtime.speech.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import dev.parley.runtime.speech.SpeechSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Silero v5 on real speech; the model comes from npm at test time (skipped if npm cannot fetch it). */
class SileroVadTest {

    @Test
    void tellsSpeechFromSilenceAndNoise() {
        Path model = SpeechSamples.sileroModel();
        long t0 = System.nanoTime();
        try (SileroVad vad = new SileroVad(model, 16_000)) {
            System.out.printf("[measure] Silero model load %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            assertEquals(AudioFormat.PCM16_16K, vad.inputFormat());
            assertEquals(512, vad.frameSamples());
            VadAssertions.tellsSpeechFromSilenceAndNoise(vad);
            System.out.printf("[measure] Silero VAD %.0f us per 32 ms frame%n", VadAssertions.microsPerFrame(vad));
        }
    }

    @Test
    void worksAtTelephoneRate() {
        try (SileroVad vad = new SileroVad(SpeechSamples.sileroModel(), 8_000)) {
            assertEquals(256, vad.frameSamples());
            VadAssertions.tellsSpeechFromSilenceAndNoise(vad);
        }
    }

    @Test
    void streamsKeepTheirOwnState() {
        try (SileroVad vad = new SileroVad(SpeechSamples.sileroModel(), 16_000);
             VoiceActivityStream a = vad.open(); VoiceActivityStream b = vad.open()) {
            short[] speech = SpeechSamples.flite("what are your opening hours", "slt");
            var frames = SpeechSamples.frames(speech, 512);
            float[] alone = new float[frames.size()];
            try (VoiceActivityStream c = vad.open()) {
                for (int i = 0; i < frames.size(); i++) {
                    alone[i] = c.speechProbability(frames.get(i));
                }
            }
            short[] silence = new short[512];
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(alone[i], a.speechProbability(frames.get(i)), 1e-6, "frame " + i);
                b.speechProbability(silence); // interleaved work on another stream changes nothing
            }
        }
    }

    @Test
    void aMissingModelSaysWhereToGetIt() {
        SpeechEngineException missing = assertThrows(SpeechEngineException.class,
                () -> new SileroVad(Path.of("/nonexistent/silero_vad.onnx"), 16_000));
        assertTrue(missing.getMessage().contains("/nonexistent/silero_vad.onnx"), missing.getMessage());
        assertTrue(missing.getMessage().contains("npm pack @ricky0123/vad-web@0.0.31"), missing.getMessage());
        assertTrue(missing.getMessage().contains("silero_vad_v5.onnx"), missing.getMessage());

        SpeechEngineException unset = assertThrows(SpeechEngineException.class,
                () -> SileroVad.fromSettings(new Settings(key -> null, Map.of())));
        assertTrue(unset.getMessage().contains("parley.vad.silero.model") && unset.getMessage().contains("@ricky0123/vad-web"),
                unset.getMessage());
    }

    @Test
    void aFileThatIsNotTheModelIsRefused() throws Exception {
        Path notAModel = Files.createTempFile("not-silero", ".onnx");
        Files.writeString(notAModel, "not a model");
        try {
            SpeechEngineException e = assertThrows(SpeechEngineException.class, () -> new SileroVad(notAModel, 16_000));
            assertTrue(e.getMessage().contains(notAModel.toString()), e.getMessage());
        } finally {
            Files.delete(notAModel);
        }
    }
}
