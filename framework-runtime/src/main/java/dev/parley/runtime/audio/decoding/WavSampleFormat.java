package dev.parley.runtime.audio.decoding;

import dev.parley.runtime.audio.ALawCodec;
import dev.parley.runtime.audio.Float32Codec;
import dev.parley.runtime.audio.MuLawCodec;
import dev.parley.runtime.audio.Pcm16Codec;

/**
 * The sample formats a WAV file's {@code fmt } chunk can name that {@link WavStreamDecoder} reads, each with its
 * conversion to floats in -1..1. The 16-bit, float, A-law and mu-law ones are the runtime's own codecs; 8-bit
 * (unsigned, as WAV stores it), 24-bit and 32-bit integers exist only here, since nothing else in Parley uses them.
 */
enum WavSampleFormat {

    PCM_U8(1, 8, WavSampleFormat::unsignedBytesToFloats),
    PCM_S16(1, 16, (src, offset, dst, count) -> Pcm16Codec.toFloats(src, offset, dst, 0, count)),
    PCM_S24(1, 24, (src, offset, dst, count) -> wideIntegersToFloats(src, offset, 3, dst, count)),
    PCM_S32(1, 32, (src, offset, dst, count) -> wideIntegersToFloats(src, offset, 4, dst, count)),
    FLOAT32(3, 32, (src, offset, dst, count) -> Float32Codec.toFloats(src, offset, dst, 0, count)),
    ALAW(6, 8, (src, offset, dst, count) -> ALawCodec.decode(src, offset, dst, 0, count)),
    MULAW(7, 8, (src, offset, dst, count) -> MuLawCodec.decode(src, offset, dst, 0, count));

    static final String SUPPORTED = "integer PCM of 8, 16, 24 or 32 bits (format tag 1), 32-bit float (3),"
            + " A-law (6) and mu-law (7), plain or inside WAVE_FORMAT_EXTENSIBLE";

    /** How one format's bytes become floats; see {@link #toFloats}. */
    @FunctionalInterface
    interface Conversion {
        void toFloats(byte[] src, int offset, float[] dst, int count);
    }

    private final int tag;
    private final int bits;
    private final Conversion conversion;

    WavSampleFormat(int tag, int bits, Conversion conversion) {
        this.tag = tag;
        this.bits = bits;
        this.conversion = conversion;
    }

    int bytesPerSample() {
        return bits / 8;
    }

    /** The format with this tag and sample size, or null if there is none. */
    static WavSampleFormat of(int tag, int bits) {
        for (WavSampleFormat format : values()) {
            if (format.tag == tag && format.bits == bits) {
                return format;
            }
        }
        return null;
    }

    /** Converts {@code count} samples at byte {@code offset} of {@code src} into {@code dst} from index 0. */
    void toFloats(byte[] src, int offset, float[] dst, int count) {
        conversion.toFloats(src, offset, dst, count);
    }

    /** WAV stores 8-bit samples unsigned, silence at 128. */
    private static void unsignedBytesToFloats(byte[] src, int offset, float[] dst, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] = ((src[offset + i] & 0xFF) - 128) / 128f;
        }
    }

    /**
     * Signed little-endian integers of {@code bytes} bytes: each is shifted into the top of an int, where its sign
     * bit is the int's, so one scale serves every size.
     */
    private static void wideIntegersToFloats(byte[] src, int offset, int bytes, float[] dst, int count) {
        int shift = 32 - 8 * bytes;
        for (int i = 0, b = offset; i < count; i++, b += bytes) {
            int sample = 0;
            for (int k = 0; k < bytes; k++) {
                sample |= (src[b + k] & 0xFF) << shift + 8 * k;
            }
            dst[i] = sample / 2_147_483_648f;
        }
    }
}
