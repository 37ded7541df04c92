package dev.parley.runtime.audio.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Test input for the encoders, the uneven pieces they are fed in, and what is measured on the decoded audio. */
final class Signals {

    /** Piece lengths in milliseconds, used in turn: uneven, and not multiples of any codec's frame. */
    static final int[] PIECE_MILLIS = {7, 31, 100};
    static final double LOW_HZ = 440;
    static final double HIGH_HZ = 1000;

    private Signals() {
    }

    /** {@code seconds} of a 440 Hz sine at -10 dBFS plus a 1 kHz sine at -14 dBFS. */
    static short[] twoTones(int rate, double seconds) {
        short[] samples = new short[(int) Math.round(seconds * rate)];
        for (int n = 0; n < samples.length; n++) {
            double t = (double) n / rate;
            samples[n] = (short) Math.round(32767 * (0.316 * Math.sin(2 * Math.PI * LOW_HZ * t)
                    + 0.2 * Math.sin(2 * Math.PI * HIGH_HZ * t)));
        }
        return samples;
    }

    /** Everything {@code encoder} returns for {@code pcm} fed in {@link #PIECE_MILLIS} pieces, then finish(). */
    static List<byte[]> encodeInPieces(StreamEncoder encoder, short[] pcm) {
        List<byte[]> pieces = new ArrayList<>();
        int rate = encoder.sampleRate();
        int at = 0;
        for (int i = 0; at < pcm.length; i++) {
            int length = Math.min(pcm.length - at, rate * PIECE_MILLIS[i % PIECE_MILLIS.length] / 1000);
            // from a larger array at an offset, as a session's buffer would be
            short[] buffer = new short[length + 10];
            System.arraycopy(pcm, at, buffer, 5, length);
            pieces.add(encoder.encode(buffer, 5, length));
            at += length;
        }
        pieces.add(encoder.finish());
        return pieces;
    }

    /** The whole file: {@link #encodeInPieces} concatenated. */
    static byte[] encode(StreamEncoder encoder, short[] pcm) {
        return concat(encodeInPieces(encoder, pcm));
    }

    static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        pieces.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /** Signal power at {@code hz} over {@code x[from, to)} by the Goertzel recurrence, normalized by the length. */
    static double goertzel(short[] x, int from, int to, double hz, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int n = from; n < to; n++) {
            double s0 = x[n] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / ((double) (to - from) * (to - from));
    }

    /**
     * Asserts that the two strongest frequencies of {@code x[from, to)}, scanned from 100 Hz to 5 kHz in 10 Hz steps,
     * are the two tones, each at least {@code marginDb} above anything else scanned.
     */
    static void assertTwoTones(short[] x, int from, int to, int rate, double marginDb) {
        double low = goertzel(x, from, to, LOW_HZ, rate);
        double high = goertzel(x, from, to, HIGH_HZ, rate);
        double strongestElse = 0;
        double strongestElseHz = 0;
        for (double hz = 100; hz <= Math.min(5000, rate / 2.0 - 100); hz += 10) {
            if (Math.abs(hz - LOW_HZ) > 30 && Math.abs(hz - HIGH_HZ) > 30) {
                double power = goertzel(x, from, to, hz, rate);
                if (power > strongestElse) {
                    strongestElse = power;
                    strongestElseHz = hz;
                }
            }
        }
        double margin = 10 * Math.log10(Math.min(low, high) / strongestElse);
        assertTrue(margin >= marginDb, String.format("440 Hz and 1 kHz should stand %.0f dB above the rest; %.0f Hz is "
                + "only %.1f dB below the weaker tone", marginDb, strongestElseHz, margin));
        double ratioDb = 10 * Math.log10(low / high);
        // the input has the low tone 4 dB above the high one
        assertEquals(4, ratioDb, 1.5, "level of 440 Hz over 1 kHz in dB");
    }

    /** Signal-to-noise ratio in dB of {@code decoded} against {@code reference}, sample for sample. */
    static double snrDb(short[] reference, short[] decoded) {
        assertEquals(reference.length, decoded.length, "decoded length");
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < reference.length; i++) {
            signal += (double) reference[i] * reference[i];
            double e = decoded[i] - reference[i];
            noise += e * e;
        }
        return 10 * Math.log10(signal / noise);
    }

    /** {@code pieces} without empty ones. */
    static List<byte[]> nonEmpty(List<byte[]> pieces) {
        return pieces.stream().filter(p -> p.length > 0).toList();
    }
}
