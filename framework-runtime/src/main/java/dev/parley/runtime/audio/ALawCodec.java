package dev.parley.runtime.audio;

import java.util.Objects;

/**
 * G.711 A-law (the European and international telephony companding law), following the ITU-T G.191
 * reference implementation of G.711 so the codes match what carriers and other stacks produce.
 *
 * <p>Linear samples are signed 16-bit values; A-law itself carries 13 bits, so the three lowest bits
 * are dropped on encode. Decoding goes through a 256-entry table because it sits on the inbound hot
 * path of every telephony call.
 */
public final class ALawCodec {

    /** Linear value of every A-law code, indexed by the code as an unsigned byte. */
    private static final short[] DECODE_TABLE = new short[256];
    /** The same values scaled to -1..1, so float pipelines skip the short step. */
    private static final float[] DECODE_TABLE_FLOAT = new float[256];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE_TABLE[code] = expand(code);
            DECODE_TABLE_FLOAT[code] = DECODE_TABLE[code] / 32768f;
        }
    }

    private ALawCodec() {
    }

    /**
     * Encodes one signed 16-bit sample; values outside the short range are clipped first.
     *
     * @return the A-law code (even bits inverted as transmitted on the wire)
     */
    public static byte encode(int pcm16) {
        int x = Pcm16Codec.clip(pcm16);
        // One's complement for negatives, as in G.191, so -1..-16 land on the smallest negative code.
        int magnitude = (x < 0 ? ~x : x) >> 4; // 0..2047
        int code;
        if (magnitude <= 15) {
            code = magnitude; // segment 0 is linear
        } else {
            // Segments 1..7 keep the 4 bits below the leading one; the exponent is its position.
            int exponent = 28 - Integer.numberOfLeadingZeros(magnitude); // magnitude 16..31 -> 1
            code = ((magnitude >> (exponent - 1)) - 16) + (exponent << 4);
        }
        if (x >= 0) {
            code |= 0x80;
        }
        return (byte) (code ^ 0x55);
    }

    /** Decodes one A-law code to a signed 16-bit sample. */
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
        int bits = (code ^ 0x55) & 0x7F;
        int exponent = bits >> 4;
        int mantissa = bits & 0x0F;
        if (exponent > 0) {
            mantissa += 16; // the implicit leading one of segments 1..7
        }
        // Left-justify and add half a quantization step so values sit mid-interval.
        int magnitude = (mantissa << 4) + 8;
        if (exponent > 1) {
            magnitude <<= exponent - 1;
        }
        return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
    }
}
