package dev.parley.runtime.audio.encoding;

import dev.parley.runtime.audio.Float32Codec;

/**
 * Headerless 32-bit float little-endian PCM (PlayAI's {@code raw}), mono. Samples are scaled by 1/32768, the scale
 * of {@link dev.parley.runtime.audio.Pcm16Codec}, so every 16-bit value is represented exactly.
 */
public final class Float32StreamEncoder extends AbstractStreamEncoder {

    private static final float SCALE = 1f / 32768f;

    /** @throws IllegalArgumentException if {@code sampleRate} is not positive */
    public Float32StreamEncoder(int sampleRate) {
        super("float32", sampleRate);
    }

    @Override
    byte[] encodeSamples(short[] samples, int offset, int length) {
        float[] floats = new float[length];
        for (int i = 0; i < length; i++) {
            floats[i] = samples[offset + i] * SCALE;
        }
        return Float32Codec.fromFloats(floats);
    }

    @Override
    byte[] finishStream() {
        return NOTHING;
    }
}
