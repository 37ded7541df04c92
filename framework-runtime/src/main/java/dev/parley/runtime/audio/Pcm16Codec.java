package dev.parley.runtime.audio;

import java.util.Objects;

/**
 * Signed 16-bit little-endian PCM bytes to and from {@code short} and {@code float} samples.
 *
 * <p>Floats use the scale -32768..32767 = -1..(1 - 2^-15): dividing by 32768 on the way in and
 * multiplying by 32768 on the way out makes the round trip short -> float -> short exact, which a
 * 32767 scale would not.
 */
public final class Pcm16Codec {

    private static final float TO_FLOAT = 1f / 32768f;

    private Pcm16Codec() {
    }

    /** Clamps an int to the signed 16-bit range. */
    public static int clip(int sample) {
        return sample > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(sample, Short.MIN_VALUE);
    }

    /** Converts one float sample (-1..1) to 16 bits, rounding to nearest and clipping overshoot. */
    public static short toPcm16(float sample) {
        // Math.round maps NaN to 0, which is the least harmful thing a NaN can become.
        return (short) clip(Math.round(sample * 32768f));
    }

    /** Reads {@code count} samples starting at byte {@code srcOffset}. */
    public static void toShorts(byte[] src, int srcOffset, short[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count * 2, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0, b = srcOffset; i < count; i++, b += 2) {
            dst[dstOffset + i] = (short) ((src[b] & 0xFF) | (src[b + 1] << 8));
        }
    }

    /** Writes {@code count} samples starting at byte {@code dstOffset}. */
    public static void fromShorts(short[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count * 2, dst.length);
        for (int i = 0, b = dstOffset; i < count; i++, b += 2) {
            short s = src[srcOffset + i];
            dst[b] = (byte) s;
            dst[b + 1] = (byte) (s >> 8);
        }
    }

    /** Reads {@code count} samples starting at byte {@code srcOffset} as floats in -1..1. */
    public static void toFloats(byte[] src, int srcOffset, float[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count * 2, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0, b = srcOffset; i < count; i++, b += 2) {
            dst[dstOffset + i] = (short) ((src[b] & 0xFF) | (src[b + 1] << 8)) * TO_FLOAT;
        }
    }

    /** Writes {@code count} float samples (clipped to -1..1) starting at byte {@code dstOffset}. */
    public static void fromFloats(float[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count * 2, dst.length);
        for (int i = 0, b = dstOffset; i < count; i++, b += 2) {
            short s = toPcm16(src[srcOffset + i]);
            dst[b] = (byte) s;
            dst[b + 1] = (byte) (s >> 8);
        }
    }

    /** All samples of {@code pcm16le}; a trailing odd byte is ignored. */
    public static short[] toShorts(byte[] pcm16le) {
        short[] samples = new short[pcm16le.length / 2];
        toShorts(pcm16le, 0, samples, 0, samples.length);
        return samples;
    }

    /** {@code samples} as little-endian bytes. */
    public static byte[] fromShorts(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        fromShorts(samples, 0, bytes, 0, samples.length);
        return bytes;
    }

    /** All samples of {@code pcm16le} as floats in -1..1; a trailing odd byte is ignored. */
    public static float[] toFloats(byte[] pcm16le) {
        float[] samples = new float[pcm16le.length / 2];
        toFloats(pcm16le, 0, samples, 0, samples.length);
        return samples;
    }

    /** {@code samples} (clipped to -1..1) as little-endian 16-bit bytes. */
    public static byte[] fromFloats(float[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        fromFloats(samples, 0, bytes, 0, samples.length);
        return bytes;
    }
}
