package dev.parley.runtime.audio;

import java.util.Objects;

/**
 * 32-bit IEEE float little-endian bytes to and from {@code float} samples. Values pass through
 * unchanged, including any beyond -1..1: clipping is the business of whoever encodes to integers.
 */
public final class Float32Codec {

    private Float32Codec() {
    }

    /** Reads {@code count} samples starting at byte {@code srcOffset}. */
    public static void toFloats(byte[] src, int srcOffset, float[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count * 4, src.length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        for (int i = 0, b = srcOffset; i < count; i++, b += 4) {
            int bits = (src[b] & 0xFF)
                    | (src[b + 1] & 0xFF) << 8
                    | (src[b + 2] & 0xFF) << 16
                    | src[b + 3] << 24;
            dst[dstOffset + i] = Float.intBitsToFloat(bits);
        }
    }

    /** Writes {@code count} samples starting at byte {@code dstOffset}. */
    public static void fromFloats(float[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(dstOffset, count * 4, dst.length);
        for (int i = 0, b = dstOffset; i < count; i++, b += 4) {
            int bits = Float.floatToRawIntBits(src[srcOffset + i]);
            dst[b] = (byte) bits;
            dst[b + 1] = (byte) (bits >> 8);
            dst[b + 2] = (byte) (bits >> 16);
            dst[b + 3] = (byte) (bits >> 24);
        }
    }

    /** All samples of {@code float32le}; trailing bytes short of a sample are ignored. */
    public static float[] toFloats(byte[] float32le) {
        float[] samples = new float[float32le.length / 4];
        toFloats(float32le, 0, samples, 0, samples.length);
        return samples;
    }

    /** {@code samples} as little-endian IEEE float bytes. */
    public static byte[] fromFloats(float[] samples) {
        byte[] bytes = new byte[samples.length * 4];
        fromFloats(samples, 0, bytes, 0, samples.length);
        return bytes;
    }
}
