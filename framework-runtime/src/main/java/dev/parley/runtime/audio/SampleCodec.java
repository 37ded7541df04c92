package dev.parley.runtime.audio;

import dev.parley.api.AudioFormat.Encoding;
import java.util.Objects;

/**
 * Decodes any {@link Encoding} to float samples in -1..1 and encodes floats back, so the rest of the
 * audio path (mixing, resampling) handles one sample type instead of four.
 */
public final class SampleCodec {

    private SampleCodec() {
    }

    /**
     * Decodes {@code sampleCount} samples (all channels counted, still interleaved) starting at byte
     * {@code srcOffset}.
     */
    public static void decode(Encoding encoding, byte[] src, int srcOffset,
                              float[] dst, int dstOffset, int sampleCount) {
        Objects.requireNonNull(encoding, "encoding");
        switch (encoding) {
            case PCM16_LE -> Pcm16Codec.toFloats(src, srcOffset, dst, dstOffset, sampleCount);
            case MULAW -> MuLawCodec.decode(src, srcOffset, dst, dstOffset, sampleCount);
            case ALAW -> ALawCodec.decode(src, srcOffset, dst, dstOffset, sampleCount);
            case FLOAT32_LE -> Float32Codec.toFloats(src, srcOffset, dst, dstOffset, sampleCount);
            default -> throw new IllegalArgumentException("unsupported encoding " + encoding);
        }
    }

    /**
     * Encodes {@code sampleCount} float samples starting at byte {@code dstOffset}; integer encodings
     * clip values outside -1..1.
     */
    public static void encode(Encoding encoding, float[] src, int srcOffset,
                              byte[] dst, int dstOffset, int sampleCount) {
        Objects.requireNonNull(encoding, "encoding");
        switch (encoding) {
            case PCM16_LE -> Pcm16Codec.fromFloats(src, srcOffset, dst, dstOffset, sampleCount);
            case MULAW -> MuLawCodec.encode(src, srcOffset, dst, dstOffset, sampleCount);
            case ALAW -> ALawCodec.encode(src, srcOffset, dst, dstOffset, sampleCount);
            case FLOAT32_LE -> Float32Codec.fromFloats(src, srcOffset, dst, dstOffset, sampleCount);
            default -> throw new IllegalArgumentException("unsupported encoding " + encoding);
        }
    }
}
