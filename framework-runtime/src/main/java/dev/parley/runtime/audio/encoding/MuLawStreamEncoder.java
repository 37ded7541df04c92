package dev.parley.runtime.audio.encoding;

import dev.parley.runtime.audio.MuLawCodec;

/** Headerless 8-bit G.711 mu-law, mono, one byte per sample: what telephony clients play as it arrives. */
public final class MuLawStreamEncoder extends AbstractStreamEncoder {

    /** @throws IllegalArgumentException if {@code sampleRate} is not positive */
    public MuLawStreamEncoder(int sampleRate) {
        super("mu-law", sampleRate);
    }

    @Override
    byte[] encodeSamples(short[] samples, int offset, int length) {
        byte[] codes = new byte[length];
        MuLawCodec.encode(samples, offset, codes, 0, length);
        return codes;
    }

    @Override
    byte[] finishStream() {
        return NOTHING;
    }
}
