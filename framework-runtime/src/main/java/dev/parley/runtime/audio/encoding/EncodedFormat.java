package dev.parley.runtime.audio.encoding;

import java.util.function.IntFunction;

/** The formats a dialect can stream agent speech in, each with its encoder at default settings. */
public enum EncodedFormat {
    MP3(Mp3StreamEncoder::new),
    WAV(WavStreamEncoder::new),
    FLAC(FlacStreamEncoder::new),
    OGG_OPUS(OggOpusStreamEncoder::new),
    FLOAT32(Float32StreamEncoder::new),
    MULAW(MuLawStreamEncoder::new);

    private final IntFunction<StreamEncoder> encoder;

    EncodedFormat(IntFunction<StreamEncoder> encoder) {
        this.encoder = encoder;
    }

    /**
     * A new encoder for one stream of mono 16-bit PCM at {@code sampleRate}.
     *
     * @throws IllegalArgumentException if the format has no such rate (the message says which it has)
     */
    public StreamEncoder open(int sampleRate) {
        return encoder.apply(sampleRate);
    }
}
