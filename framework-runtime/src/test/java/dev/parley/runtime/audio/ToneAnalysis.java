package dev.parley.runtime.audio;

/** Test signals and measurements: sine generation, a least-squares tone fit, RMS and dB. */
final class ToneAnalysis {

    private ToneAnalysis() {
    }

    /** A sine of {@code amplitude} at {@code frequency} Hz, {@code length} samples at {@code rate}. */
    static float[] sine(double frequency, double amplitude, int rate, int length) {
        float[] samples = new float[length];
        for (int n = 0; n < length; n++) {
            samples[n] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return samples;
    }

    /**
     * Least-squares fit of {@code a cos + b sin} at a known frequency over samples [from, to). Unlike a
     * single DFT bin it is exact for a pure tone whatever the number of cycles in the window, so it
     * needs no window function; the residual is whatever is not that tone (aliases, images, noise).
     */
    static Fit fit(float[] x, int from, int to, double frequency, int rate) {
        double scc = 0, sss = 0, scs = 0, sxc = 0, sxs = 0;
        double w = 2 * Math.PI * frequency / rate;
        for (int n = from; n < to; n++) {
            double c = Math.cos(w * n);
            double s = Math.sin(w * n);
            scc += c * c;
            sss += s * s;
            scs += c * s;
            sxc += x[n] * c;
            sxs += x[n] * s;
        }
        double det = scc * sss - scs * scs;
        double a = (sxc * sss - sxs * scs) / det;
        double b = (sxs * scc - sxc * scs) / det;
        double residual = 0;
        for (int n = from; n < to; n++) {
            double e = x[n] - a * Math.cos(w * n) - b * Math.sin(w * n);
            residual += e * e;
        }
        return new Fit(Math.hypot(a, b), Math.sqrt(residual / (to - from)));
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) x[n] * x[n];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Fitted tone amplitude (peak) and RMS of everything else. */
    record Fit(double amplitude, double residualRms) {
    }
}
