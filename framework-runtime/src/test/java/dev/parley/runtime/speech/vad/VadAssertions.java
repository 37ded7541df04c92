package dev.parley.runtime.speech.vad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.spi.VoiceActivityDetector;
import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.speech.SpeechSamples;
import java.util.List;

/** The behaviour every VAD must show on real speech, silence and a quiet noisy line. */
final class VadAssertions {

    private VadAssertions() {
    }

    /** Speech from two synthesizers scores high where it is loud; silence and -60..-45 dBFS noise score low. */
    static void tellsSpeechFromSilenceAndNoise(VoiceActivityDetector vad) {
        int rate = vad.inputFormat().sampleRate();
        for (short[] speech : List.of(SpeechSamples.flite("what are your opening hours", "slt"),
                SpeechSamples.espeak("we open at nine in the morning", "en-us"))) {
            short[] audio = rate == 16_000 ? speech : SpeechSamples.resample(speech, 16_000, rate);
            double loud = 0;
            double loudScore = 0;
            try (VoiceActivityStream stream = vad.open()) {
                for (short[] frame : SpeechSamples.frames(audio, vad.frameSamples())) {
                    float p = stream.speechProbability(frame);
                    assertTrue(p >= 0 && p <= 1, "a probability: " + p);
                    if (SpeechSamples.dbfs(frame) > -30) {
                        loud++;
                        loudScore += p;
                    }
                }
            }
            assertTrue(loud > 20, "enough loud frames: " + loud);
            assertTrue(loudScore / loud > 0.9, vad.name() + ": mean score on loud speech frames " + loudScore / loud);
        }
        assertLow(vad, SpeechSamples.silence(3, rate), "digital silence", 0.02);
        assertLow(vad, SpeechSamples.noise(3, rate, -60, 7), "white noise at -60 dBFS", 0.1);
        assertLow(vad, SpeechSamples.noise(3, rate, -45, 8), "white noise at -45 dBFS", 0.1);
    }

    private static void assertLow(VoiceActivityDetector vad, short[] audio, String what, double limit) {
        double sum = 0;
        int frames = 0;
        try (VoiceActivityStream stream = vad.open()) {
            for (short[] frame : SpeechSamples.frames(audio, vad.frameSamples())) {
                sum += stream.speechProbability(frame);
                frames++;
            }
        }
        assertTrue(sum / frames < limit, vad.name() + ": mean score on " + what + " " + sum / frames);
    }

    /** Microseconds per frame, after a warm-up, over speech. */
    static double microsPerFrame(VoiceActivityDetector vad) {
        List<short[]> frames = SpeechSamples.frames(SpeechSamples.concat(
                SpeechSamples.flite("what are your opening hours", "slt"), SpeechSamples.noise(1, 16_000, -50, 3)),
                vad.frameSamples());
        try (VoiceActivityStream stream = vad.open()) {
            float sink = 0;
            for (int round = 0; round < 20; round++) {
                for (short[] frame : frames) {
                    sink += stream.speechProbability(frame);
                }
            }
            int measured = 0;
            long t0 = System.nanoTime();
            for (int round = 0; round < 20; round++) {
                for (short[] frame : frames) {
                    sink += stream.speechProbability(frame);
                    measured++;
                }
            }
            double micros = (System.nanoTime() - t0) / 1e3 / measured;
            assertTrue(sink >= 0);
            return micros;
        }
    }
}
