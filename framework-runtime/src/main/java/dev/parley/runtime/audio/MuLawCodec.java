package dev.parley.runtime.audio;

import java.util.Objects;

/**
 * G.711 mu-law (the North American and Japanese telephony companding law), following the ITU-T
 * G.191 reference implementation of G.711 so the codes match what carriers and other stacks produce.
 *
 * <p>Linear samples are signed 16-bit values; mu-law itself carries 14 bits of magnitude, so the two
 * lowest bits are dropped on encode. Decoding goes through a 256-entry table because it sits on the
 * inbound hot path of every telephony call.
 */
public final class MuLawCodec {

    /** Linear value of every mu-law code, indexed by the code as an unsigned byte. */
    private static final short[] DECODE_TABLE = new short[256];
    /** The same values scaled to -1..1, so float pipelines skip the short step. */
    private static final float[] DECODE_TABLE_FLOAT = new float[256];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE_TABLE[code] = expand(code);
            DECODE_TABLE_FLOAT[code] = DECODE_TABLE[code] / 32768f;
        }
    }

    private MuLawCodec() {
    }

    /**
     * Encodes one signed 16-bit sample; values outside the short range are clipped first.
     *
     * @return the mu-law code (bit-inverted as transmitted on the wire)
     */
    public static byte encode(int pcm16) {
        int x = Pcm16Codec.clip(pcm16);
        // G.191 takes the one's complement of negative samples (not the negation) before the shift;
        // that keeps -1..-4 at "negative zero" and matches the reference codes bit for bit.
        int magnitude = ((x < 0 ? ~x : x) >> 2) + 33; // 14-bit magnitude plus the mu-law bias of 33
        if (magnitude > 0x1FFF) {
            magnitude = 0x1FFF;
        }
        // The segment is the position of the highest set bit above the 6 bits segment 0 spans.
        int segment = 33 - Integer.numberOfLeadingZeros(magnitude >> 6); // 1..8
        int highNibble = 8 - segment;
        int lowNibble = 0x0F - ((magnitude >> segment) & 0x0F);
        int code = (highNibble << 4) | lowNibble;
        if (x >= 0) {
            code |= 0x80;
        }
        return (byte) code;
    }

    /** Decodes one mu-law code to a signed 16-bit sample. */
    public static short decode(byte code) {
        return DECODE_TABLE[code & 0xFF];
    }

    /** Encodes {@code count} samples from {@code src} into {@code dst}. */
    public static void encode(short[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = encode(src[srcOffset + i]);
        }
    }

    /** Encodes {@code count} float samples (-1..1, clipped) into {@code dst}. */
    public static void encode(float[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = encode(Pcm16Codec.toPcm16(src[srcOffset + i]));
        }
    }

    /** Decodes {@code count} codes from {@code src} into signed 16-bit samples. */
    public static void decode(byte[] src, int srcOffset, short[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = DECODE_TABLE[src[srcOffset + i] & 0xFF];
        }
    }

    /** Decodes {@code count} codes from {@code src} into float samples in -1..1. */
    public static void decode(byte[] src, int srcOffset, float[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = DECODE_TABLE_FLOAT[src[srcOffset + i] & 0xFF];
        }
    }

    /** The G.191 expansion rule, used once per code to fill the tables. */
    private static short expand(int code) {
        int inverted = ~code;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int step = 4 << (exponent + 1);
        // Reconstruct at the middle of the quantization interval, then remove the bias (4 * 33).
        int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
        return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
    }
}
