package dev.parley.runtime.audio;

import static dev.parley.runtime.audio.ToneAnalysis.db;
import static dev.parley.runtime.audio.ToneAnalysis.fit;
import static dev.parley.runtime.audio.ToneAnalysis.rms;
import static dev.parley.runtime.audio.ToneAnalysis.sine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {

    static final int[] RATES = {8000, 16000, 22050, 24000, 44100, 48000};
    static final double AMPLITUDE = 0.5;

    static List<Arguments> allPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int in : RATES) {
            for (int out : RATES) {
                if (in != out) {
                    pairs.add(Arguments.of(in, out));
                }
            }
        }
        return pairs;
    }

    static List<Arguments> downsamplingPairs() {
        return allPairs().stream().filter(a -> (int) a.get()[0] > (int) a.get()[1]).toList();
    }

    static List<Arguments> upsamplingPairs() {
        return allPairs().stream().filter(a -> (int) a.get()[0] < (int) a.get()[1]).toList();
    }

    /** First output sample whose filter span lies entirely inside the input (no start-up transient). */
    static int settledFrom(int in, int out) {
        int taps = PolyphaseFilterBank.forRates(in, out).tapsPerPhase;
        return (int) Math.ceil((double) taps * out / in) + 1;
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("allPairs")
    void passbandTonesKeepTheirAmplitudeAndGainNoAliasesOrImages(int in, int out) {
        double lowerNyquist = Math.min(in, out) / 2.0;
        for (double fraction : new double[] {0.05, 0.25, 0.5, 0.75, 0.9}) {
            double frequency = fraction * lowerNyquist;
            float[] output = new Resampler(in, out).process(sine(frequency, AMPLITUDE, in, in * 3 / 20));

            ToneAnalysis.Fit fit = fit(output, settledFrom(in, out), output.length, frequency, out);
            double gainDb = db(fit.amplitude() / AMPLITUDE);
            assertEquals(0, gainDb, 0.5, frequency + " Hz gain");
            // Whatever is not the tone: images when upsampling, aliases when downsampling.
            double spuriousDb = db(fit.residualRms() / (fit.amplitude() / Math.sqrt(2)));
            assertTrue(spuriousDb <= -70, frequency + " Hz: spurious content at " + spuriousDb + " dB");
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("downsamplingPairs")
    void tonesAboveTheNewNyquistAreRejected(int in, int out) {
        double newNyquist = out / 2.0;
        double top = 0.98 * in / 2.0;
        for (double fraction : new double[] {0, 0.02, 0.1, 0.5, 1}) {
            double frequency = newNyquist + fraction * (top - newNyquist);
            assertRejected(in, out, frequency);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("upsamplingPairs")
    void imagesOfTonesNearTheOldNyquistAreRejected(int in, int out) {
        // A tone just below the input Nyquist frequency images just above it, where the filter has
        // the least room; passband tones image further up and would not exercise that edge.
        for (double fraction : new double[] {0.95, 0.99}) {
            double frequency = fraction * in / 2.0;
            float[] output = new Resampler(in, out).process(sine(frequency, AMPLITUDE, in, in / 2));
            ToneAnalysis.Fit fit = fit(output, settledFrom(in, out), output.length, frequency, out);
            double imagesDb = db(fit.residualRms() / (AMPLITUDE / Math.sqrt(2)));
            assertTrue(imagesDb <= -70, in + " -> " + out + ": images of " + frequency + " Hz only "
                    + imagesDb + " dB down");
        }
    }

    @Test
    void namedAliasingCasesAreRejected() {
        assertRejected(16_000, 8_000, 7_000);
        assertRejected(48_000, 22_050, 20_000);
        assertRejected(44_100, 16_000, 12_000);
        assertRejected(24_000, 8_000, 4_500);
    }

    private static void assertRejected(int in, int out, double frequency) {
        float[] output = new Resampler(in, out).process(sine(frequency, AMPLITUDE, in, in / 5));
        double rejectionDb = db(rms(output, settledFrom(in, out), output.length) / (AMPLITUDE / Math.sqrt(2)));
        assertTrue(rejectionDb <= -70, in + " -> " + out + ": " + frequency + " Hz only " + rejectionDb + " dB down");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("allPairs")
    void chunksOfAnySizeGiveTheSameSamplesAsOneShot(int in, int out) {
        Random random = new Random(in * 31L + out);
        float[] input = noise(random, 6000); // more than one internal block
        float[] oneShot = new Resampler(in, out).process(input);

        Resampler chunked = new Resampler(in, out);
        float[] joined = new float[oneShot.length];
        int consumed = 0;
        int produced = 0;
        while (consumed < input.length) {
            // Mostly tiny or empty chunks, where border mistakes show, and some large ones.
            int size = random.nextInt(3) == 0 ? random.nextInt(3) : random.nextInt(700);
            size = Math.min(size, input.length - consumed);
            int predicted = chunked.outputLength(size);
            int written = chunked.process(input, consumed, size, joined, produced);
            assertEquals(predicted, written, "outputLength must predict process");
            consumed += size;
            produced += written;
            assertEquals((long) consumed * out / in, produced, "outputs after " + consumed + " inputs");
        }
        assertEquals(oneShot.length, produced);
        for (int i = 0; i < oneShot.length; i++) {
            assertEquals(oneShot[i], joined[i], 1e-6, "sample " + i);
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("allPairs")
    void every20msFrameGivesExactly20msOut(int in, int out) {
        Resampler resampler = new Resampler(in, out);
        float[] frame = new float[in / 50];
        for (int i = 0; i < 50; i++) {
            assertEquals(out / 50, resampler.process(frame).length, "frame " + i);
        }
    }

    @Test
    void outputCountNeverDriftsOverALongStream() {
        int[][] pairs = {{44_100, 48_000}, {48_000, 44_100}, {22_050, 8_000}};
        for (int[] pair : pairs) {
            Resampler resampler = new Resampler(pair[0], pair[1]);
            Random random = new Random(7);
            float[] buffer = new float[5000];
            float[] out = new float[6000];
            long consumed = 0;
            long produced = 0;
            while (consumed < 1_000_000) {
                int size = random.nextInt(buffer.length);
                produced += resampler.process(buffer, 0, size, out, 0);
                consumed += size;
                assertEquals(consumed * pair[1] / pair[0], produced, pair[0] + " -> " + pair[1]);
            }
        }
    }

    @Test
    void flushReleasesTheDelayedTailAndStartsAfresh() {
        Resampler resampler = new Resampler(16_000, 8_000);
        float[] input = sine(1000, AMPLITUDE, 16_000, 1000);
        float[] body = resampler.process(input);
        float[] tail = resampler.flush();

        int delay = PolyphaseFilterBank.forRates(16_000, 8_000).delayInputSamples;
        assertEquals((1000 + delay) / 2, body.length + tail.length);
        // The tail still carries the end of the tone, it is not just filter ringing.
        assertTrue(rms(tail, 0, tail.length) > 0.25, "tail rms " + rms(tail, 0, tail.length));
        assertArrayEquals(body, resampler.process(input), "after flush the instance starts from silence");
    }

    @Test
    void resetForgetsHistory() {
        Resampler resampler = new Resampler(8_000, 48_000);
        float[] input = noise(new Random(3), 500);
        float[] first = resampler.process(input);
        resampler.process(noise(new Random(4), 77));
        resampler.reset();
        assertArrayEquals(first, resampler.process(input));
    }

    @Test
    void equalRatesPassSamplesThroughUnchanged() {
        Resampler resampler = new Resampler(16_000, 16_000);
        float[] input = noise(new Random(5), 333);
        assertArrayEquals(input, resampler.process(input));
        assertEquals(0, resampler.flush().length);
    }

    @Test
    void pcm16ConvenienceMatchesTheFloatPath() {
        short[] input = new short[1600];
        float[] asFloat = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            input[i] = (short) Math.round(20_000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
            asFloat[i] = input[i] / 32768f;
        }
        short[] output = new Resampler(16_000, 24_000).process(input);
        float[] reference = new Resampler(16_000, 24_000).process(asFloat);
        assertEquals(2400, output.length);
        for (int i = 0; i < output.length; i++) {
            assertEquals(Math.round(reference[i] * 32768f), output[i], "sample " + i);
        }
    }

    @Test
    void banksAreSharedPerReducedRatio() {
        assertSame(PolyphaseFilterBank.forRates(16_000, 8_000), PolyphaseFilterBank.forRates(48_000, 24_000));
        assertSame(PolyphaseFilterBank.forRates(44_100, 48_000), PolyphaseFilterBank.forRates(44_100, 48_000));
        PolyphaseFilterBank bank = PolyphaseFilterBank.forRates(44_100, 48_000);
        assertEquals(160, bank.up);
        assertEquals(147, bank.down);
    }

    @Test
    void rejectsRatesWithoutAPracticalExactRatio() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Resampler(44_100, 48_001));
        assertTrue(e.getMessage().contains("48001/44100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 8_000));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(8_000, -1));
    }

    @Test
    void checksBounds() {
        Resampler resampler = new Resampler(8_000, 16_000);
        assertThrows(IndexOutOfBoundsException.class, () -> resampler.process(new float[10], 0, 10, new float[19], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> resampler.process(new float[10], 5, 10, new float[40], 0));
    }

    static float[] noise(Random random, int length) {
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) {
            samples[i] = random.nextFloat() - 0.5f;
        }
        return samples;
    }
}
