package dev.parley.runtime.audio;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The anti-aliasing / anti-imaging low-pass filter for one exact rational rate ratio, split into its
 * polyphase components. Conceptually the input is upsampled by {@code up} (zero stuffing), low-pass
 * filtered, and downsampled by {@code down}; each phase holds the taps that survive for one output
 * position, so no multiplication by an inserted zero is ever done.
 *
 * <p>Designing a bank costs a few milliseconds and up to a few hundred KB, so banks are built once per
 * ratio and shared (they are immutable); a {@link Resampler} only adds its own sample history. The
 * bank depends only on the reduced ratio, so 16 kHz -> 8 kHz and 48 kHz -> 24 kHz share one.
 */
final class PolyphaseFilterBank {

    /** Designed stopband attenuation; 10 dB of headroom over the 70 dB Parley promises. */
    static final double ATTENUATION_DB = 80;
    /** Passband edge as a fraction of the lower of the two Nyquist frequencies. */
    static final double PASSBAND_EDGE = 0.90;
    /** Stopband edge as a fraction of the lower Nyquist: nothing that could alias is let through. */
    static final double STOPBAND_EDGE = 1.00;
    /**
     * Largest prototype filter (taps over all phases) we agree to build: the six common rates need at
     * most about 45,000; ratios such as 44100:48001 would need millions.
     */
    static final int MAX_COEFFICIENTS = 1 << 17;

    private static final ConcurrentMap<Long, PolyphaseFilterBank> CACHE = new ConcurrentHashMap<>();

    final int up;
    final int down;
    final int tapsPerPhase;
    /** Input samples the output lags behind the input (the filter's group delay), rounded up. */
    final int delayInputSamples;
    /**
     * Phase-major, {@code tapsPerPhase} per phase, each phase in reverse order so the filter is a
     * forward dot product over the input history.
     */
    final float[] coefficients;

    private PolyphaseFilterBank(int up, int down) {
        this.up = up;
        this.down = down;
        // In cycles per sample of the upsampled signal the lower Nyquist is 0.5 / max(up, down),
        // whichever direction we convert in.
        double lowerNyquist = 0.5 / Math.max(up, down);
        double passbandEdge = PASSBAND_EDGE * lowerNyquist;
        double stopbandEdge = STOPBAND_EDGE * lowerNyquist;
        double cutoff = (passbandEdge + stopbandEdge) / 2;
        int minimumTaps = KaiserWindow.order(ATTENUATION_DB, stopbandEdge - passbandEdge) + 1;
        // Multiple of 4 so the dot product needs no remainder loop; the extra taps only help.
        int taps = ceilDiv(ceilDiv(minimumTaps, up), 4) * 4;
        this.tapsPerPhase = taps;
        int length = taps * up;
        this.delayInputSamples = (int) Math.ceil((length - 1) / (2.0 * up));

        double beta = KaiserWindow.beta(ATTENUATION_DB);
        double[] window = KaiserWindow.window(length, beta);
        double centre = (length - 1) / 2.0;
        double[] prototype = new double[length];
        double sum = 0;
        for (int n = 0; n < length; n++) {
            double x = 2 * cutoff * (n - centre);
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            prototype[n] = 2 * cutoff * sinc * window[n];
            sum += prototype[n];
        }
        // Unity DC gain after zero stuffing means a total gain of `up` (each phase sums to ~1).
        double scale = up / sum;
        this.coefficients = new float[length];
        for (int phase = 0; phase < up; phase++) {
            for (int i = 0; i < taps; i++) {
                coefficients[phase * taps + i] = (float) (prototype[(taps - 1 - i) * up + phase] * scale);
            }
        }
    }

    /**
     * The shared bank for converting {@code inputRate} to {@code outputRate}.
     *
     * @throws IllegalArgumentException if a rate is not positive or the exact ratio needs an
     *                                  unreasonably large filter
     */
    static PolyphaseFilterBank forRates(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inputRate + " Hz -> "
                    + outputRate + " Hz");
        }
        int gcd = gcd(inputRate, outputRate);
        int up = outputRate / gcd;
        int down = inputRate / gcd;
        long estimate = (long) (KaiserWindow.order(ATTENUATION_DB,
                (STOPBAND_EDGE - PASSBAND_EDGE) * 0.5 / Math.max(up, down)) + 1) + 4L * up;
        if (estimate > MAX_COEFFICIENTS) {
            throw new IllegalArgumentException("cannot resample " + inputRate + " Hz -> " + outputRate
                    + " Hz: the exact ratio " + up + "/" + down + " needs a filter of about " + estimate
                    + " coefficients, more than the " + MAX_COEFFICIENTS + " allowed; rates with a simpler"
                    + " ratio such as 8000, 16000, 22050, 24000, 44100 and 48000 Hz are supported");
        }
        return CACHE.computeIfAbsent(((long) up << 32) | down, key -> new PolyphaseFilterBank(up, down));
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
