package dev.parley.runtime.audio;

/**
 * The Kaiser window and Kaiser's empirical design formulas. The window is chosen because one
 * parameter (beta) trades main-lobe width against side-lobe level, so a filter can be sized for a
 * stated stopband attenuation instead of by trial and error.
 */
final class KaiserWindow {

    private KaiserWindow() {
    }

    /** Shape parameter giving about {@code attenuationDb} of stopband attenuation (Kaiser 1974). */
    static double beta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            double a = attenuationDb - 21;
            return 0.5842 * Math.pow(a, 0.4) + 0.07886 * a;
        }
        return 0;
    }

    /**
     * Filter order (taps minus one) that reaches {@code attenuationDb} with a transition band
     * {@code transitionWidth} wide, in cycles per sample.
     */
    static int order(double attenuationDb, double transitionWidth) {
        return (int) Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidth));
    }

    /** A symmetric Kaiser window of {@code length} points, peak 1 in the middle. */
    static double[] window(int length, double beta) {
        double[] window = new double[length];
        if (length == 1) {
            window[0] = 1;
            return window;
        }
        double half = (length - 1) / 2.0;
        double peak = besselI0(beta);
        for (int n = 0; n < length; n++) {
            double r = (n - half) / half;
            window[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / peak;
        }
        return window;
    }

    /** Modified Bessel function of the first kind, order zero, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
