package dev.parley.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reference codes were cross-checked against the ITU-T G.191 g711.c rules and Sun's g711.c; the
 * decode tables match javax.sound.sampled's for all 256 codes of both laws.
 */
class G711CodecTest {

    @Test
    void muLawEncodesReferenceValues() {
        int[][] linearToCode = {
            {0, 0xFF}, {-1, 0x7F}, {32767, 0x80}, {-32768, 0x00}, {1000, 0xCE}, {-1000, 0x4E},
            {100, 0xF2}, {5000, 0xAB}, {16000, 0x90}, {-16000, 0x10},
            {-188, 0x6C}, // a tie G.191 breaks with the one's complement (negation would give 0x6B)
        };
        for (int[] pair : linearToCode) {
            assertEquals(pair[1], MuLawCodec.encode(pair[0]) & 0xFF, "mu-law of " + pair[0]);
        }
    }

    @Test
    void muLawDecodesReferenceValues() {
        int[][] codeToLinear = {
            {0xFF, 0}, {0x7F, 0}, {0x80, 32124}, {0x00, -32124}, {0xF0, 120}, {0xCE, 988}, {0x4E, -988},
        };
        for (int[] pair : codeToLinear) {
            assertEquals(pair[1], MuLawCodec.decode((byte) pair[0]), "mu-law code " + Integer.toHexString(pair[0]));
        }
    }

    @Test
    void aLawEncodesReferenceValues() {
        int[][] linearToCode = {
            {0, 0xD5}, {-1, 0x55}, {32767, 0xAA}, {-32768, 0x2A}, {1000, 0xFA}, {-1000, 0x7A},
            {100, 0xD3}, {5000, 0x86}, {16000, 0xBA}, {-16000, 0x3A},
            {-34, 0x57}, // one's complement again: -40 is the nearer level, not -24
        };
        for (int[] pair : linearToCode) {
            assertEquals(pair[1], ALawCodec.encode(pair[0]) & 0xFF, "A-law of " + pair[0]);
        }
    }

    @Test
    void aLawDecodesReferenceValues() {
        int[][] codeToLinear = {{0xD5, 8}, {0x55, -8}, {0xAA, 32256}, {0x2A, -32256}, {0xFA, 1008}, {0x7A, -1008}};
        for (int[] pair : codeToLinear) {
            assertEquals(pair[1], ALawCodec.decode((byte) pair[0]), "A-law code " + Integer.toHexString(pair[0]));
        }
    }

    @Test
    void muLawRoundTripIsWithinHalfAQuantizationStep() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            byte code = MuLawCodec.encode(x);
            int decoded = MuLawCodec.decode(code);
            if (Math.abs(x) > 32635) { // beyond the last interval G.711 clips to the largest code
                assertEquals(x > 0 ? 32124 : -32124, decoded, "clipped " + x);
                continue;
            }
            int exponent = (~code >> 4) & 0x07;
            int halfStep = (8 << exponent) / 2;
            assertTrue(Math.abs(decoded - x) <= halfStep, x + " -> " + decoded + ", half step " + halfStep);
        }
    }

    @Test
    void aLawRoundTripIsWithinHalfAQuantizationStep() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            byte code = ALawCodec.encode(x);
            int decoded = ALawCodec.decode(code);
            int exponent = ((code ^ 0x55) >> 4) & 0x07;
            int halfStep = (exponent <= 1 ? 16 : 16 << (exponent - 1)) / 2;
            assertTrue(Math.abs(decoded - x) <= halfStep, x + " -> " + decoded + ", half step " + halfStep);
        }
    }

    @Test
    void quantizationIsMonotonic() {
        int previousMu = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int mu = MuLawCodec.decode(MuLawCodec.encode(x));
            int a = ALawCodec.decode(ALawCodec.encode(x));
            assertTrue(mu >= previousMu && a >= previousA, "not monotonic at " + x);
            previousMu = mu;
            previousA = a;
        }
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            if (code != 0x7F) { // mu-law "negative zero" decodes to 0, which encodes as 0xFF
                assertEquals(code, MuLawCodec.encode(MuLawCodec.decode((byte) code)) & 0xFF, "mu-law " + code);
            }
            assertEquals(code, ALawCodec.encode(ALawCodec.decode((byte) code)) & 0xFF, "A-law " + code);
        }
    }

    @Test
    void valuesBeyond16BitsAreClipped() {
        assertEquals(MuLawCodec.encode(32767), MuLawCodec.encode(100_000));
        assertEquals(MuLawCodec.encode(-32768), MuLawCodec.encode(-100_000));
        assertEquals(ALawCodec.encode(32767), ALawCodec.encode(100_000));
        assertEquals(ALawCodec.encode(-32768), ALawCodec.encode(-100_000));
    }

    @Test
    void bulkMethodsMatchTheScalarOnesAndRespectOffsets() {
        short[] linear = {0, 1000, -1000, 32767, -32768, 12345};
        float[] floats = new float[linear.length];
        for (int i = 0; i < linear.length; i++) {
            floats[i] = linear[i] / 32768f;
        }
        byte[] mu = new byte[linear.length + 2];
        byte[] muFromFloat = new byte[linear.length + 2];
        byte[] a = new byte[linear.length + 2];
        byte[] aFromFloat = new byte[linear.length + 2];
        MuLawCodec.encode(linear, 0, mu, 2, linear.length);
        MuLawCodec.encode(floats, 0, muFromFloat, 2, linear.length);
        ALawCodec.encode(linear, 0, a, 2, linear.length);
        ALawCodec.encode(floats, 0, aFromFloat, 2, linear.length);
        short[] muBack = new short[linear.length];
        float[] muBackFloat = new float[linear.length];
        short[] aBack = new short[linear.length];
        float[] aBackFloat = new float[linear.length];
        MuLawCodec.decode(mu, 2, muBack, 0, linear.length);
        MuLawCodec.decode(mu, 2, muBackFloat, 0, linear.length);
        ALawCodec.decode(a, 2, aBack, 0, linear.length);
        ALawCodec.decode(a, 2, aBackFloat, 0, linear.length);
        for (int i = 0; i < linear.length; i++) {
            assertEquals(MuLawCodec.encode(linear[i]), mu[i + 2]);
            assertEquals(mu[i + 2], muFromFloat[i + 2]);
            assertEquals(ALawCodec.encode(linear[i]), a[i + 2]);
            assertEquals(a[i + 2], aFromFloat[i + 2]);
            assertEquals(MuLawCodec.decode(mu[i + 2]), muBack[i]);
            assertEquals(muBack[i] / 32768f, muBackFloat[i]);
            assertEquals(ALawCodec.decode(a[i + 2]), aBack[i]);
            assertEquals(aBack[i] / 32768f, aBackFloat[i]);
        }
        assertEquals(0, mu[0]);
        assertEquals(0, a[1]);
    }
}
