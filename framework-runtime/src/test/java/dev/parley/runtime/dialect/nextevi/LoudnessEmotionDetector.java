package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A test emotion detector found as a CDI bean: every half second of audio is an utterance, whose loudness (RMS over
 * 10000) is its "Excitement" and the rest its "Calmness". A chunk that starts with the lowest sample fails, as a
 * broken model would.
 */
@ApplicationScoped
public class LoudnessEmotionDetector implements EmotionDetector {
    static final String NAME = "loudness";
    static final AudioFormat FORMAT = AudioFormat.pcm16(24_000);
    static final int UTTERANCE_SAMPLES = FORMAT.sampleRate() / 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AudioFormat inputFormat() {
        return FORMAT;
    }

    @Override
    public EmotionStream open() {
        return new EmotionStream() {
            private double sumOfSquares;
            private int samples;

            @Override
            public Optional<EmotionReading> accept(AudioFrame audio) {
                byte[] pcm = audio.data();
                for (int i = 0; i + 1 < pcm.length; i += 2) {
                    short sample = (short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8));
                    if (i == 0 && sample == Short.MIN_VALUE) {
                        throw new IllegalStateException("scripted detector failure");
                    }
                    sumOfSquares += (double) sample * sample;
                    samples++;
                }
                if (samples < UTTERANCE_SAMPLES) {
                    return Optional.empty();
                }
                double excitement = Math.min(1, Math.sqrt(sumOfSquares / samples) / 10_000);
                Duration utterance = Duration.ofMillis(samples * 1000L / FORMAT.sampleRate());
                sumOfSquares = 0;
                samples = 0;
                return Optional.of(new EmotionReading(Map.of("Excitement", excitement, "Calmness", 1 - excitement),
                        Optional.of(utterance), Optional.empty()));
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
