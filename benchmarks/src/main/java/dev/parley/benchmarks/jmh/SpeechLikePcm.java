package dev.parley.benchmarks.jmh;

import java.util.Random;

/**
 * A synthetic voice for the benchmarks, since no recording is in the repository: a buzz whose pitch glides between
 * 100 and 140 Hz, with its harmonics shaped by three vowel formants, in syllables of 250 ms (175 ms voiced, then a
 * pause with faint noise). Codecs and detectors spend on it about what they spend on speech: harmonics, onsets,
 * silences; a pure tone would be cheaper for both.
 */
final class SpeechLikePcm {

    private static final double[] FORMANTS_HZ = {700, 1200, 2600};
    private static final double SYLLABLE_SECONDS = 0.25;
    private static final double VOICED_SHARE = 0.7;

    private SpeechLikePcm() {
    }

    /** {@code seconds} of the voice at {@code rate}, peaking near -6 dBFS; the same every time. */
    static short[] of(int rate, double seconds) {
        Random noise = new Random(20_240_611);
        short[] pcm = new short[(int) Math.round(seconds * rate)];
        double phase = 0;
        for (int n = 0; n < pcm.length; n++) {
            double t = (double) n / rate;
            double pitch = 120 + 20 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / rate;
            double inSyllable = (t % SYLLABLE_SECONDS) / SYLLABLE_SECONDS;
            double envelope = inSyllable < VOICED_SHARE
                    ? Math.pow(Math.sin(Math.PI * inSyllable / VOICED_SHARE), 2)
                    : 0;
            double voice = 0;
            for (int k = 1; k * pitch < Math.min(4000, rate / 2.0); k++) {
                voice += formantGain(k * pitch) * Math.sin(k * phase) / k;
            }
            double sample = 0.25 * envelope * voice + 0.002 * noise.nextGaussian();
            pcm[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample * 32767)));
        }
        return pcm;
    }

    private static double formantGain(double hz) {
        double gain = 0.05;
        for (double formant : FORMANTS_HZ) {
            double offset = (hz - formant) / 120;
            gain += 1 / (1 + offset * offset);
        }
        return gain;
    }
}
