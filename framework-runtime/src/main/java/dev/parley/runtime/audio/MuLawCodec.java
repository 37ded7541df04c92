package dev.parley.runtime.audio;

/**
 * G.711 mu-law (the North American and Japanese telephony companding law), following the ITU-T
 * G.191 reference implementation of G.711 so the codes match what carriers and other stacks produce.
 *
 * <p>Linear samples are signed 16-bit values; mu-law itself carries 14 bits of magnitude, so the two
 * lowest bits are dropped on encode. Decoding goes through a 256-entry table because it sits on the
 * inbound hot path of every telephony call. The law and the loops live in {@link G711}, shared with A-law.
 */
public final class MuLawCodec {

    private MuLawCodec() {
    }

    /**
     * Encodes one signed 16-bit sample; values outside the short range are clipped first.
     *
     * @return the mu-law code (bit-inverted as transmitted on the wire)
     */
    public static byte encode(int pcm16) {
        return G711.MU_LAW.encode(pcm16);
    }

    /** Decodes one mu-law code to a signed 16-bit sample. */
    public static short decode(byte code) {
        return G711.MU_LAW.decode(code);
    }

    /** Encodes {@code count} samples from {@code src} into {@code dst}. */
    public static void encode(short[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        G711.MU_LAW.encode(src, srcOffset, dst, dstOffset, count);
    }

    /** Encodes {@code count} float samples (-1..1, clipped) into {@code dst}. */
    public static void encode(float[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        G711.MU_LAW.encode(src, srcOffset, dst, dstOffset, count);
    }

    /** Decodes {@code count} codes from {@code src} into signed 16-bit samples. */
    public static void decode(byte[] src, int srcOffset, short[] dst, int dstOffset, int count) {
        G711.MU_LAW.decode(src, srcOffset, dst, dstOffset, count);
    }

    /** Decodes {@code count} codes from {@code src} into float samples in -1..1. */
    public static void decode(byte[] src, int srcOffset, float[] dst, int dstOffset, int count) {
        G711.MU_LAW.decode(src, srcOffset, dst, dstOffset, count);
    }
}
