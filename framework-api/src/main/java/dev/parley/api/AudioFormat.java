package dev.parley.api;

/**
 * How raw audio samples are laid out.
 *
 * @param encoding   sample encoding
 * @param sampleRate samples per second per channel
 * @param channels   interleaved channel count
 */
public record AudioFormat(Encoding encoding, int sampleRate, int channels) {

    /** Sample encodings Parley converts between. */
    public enum Encoding {
        /** Signed 16-bit little-endian PCM. */
        PCM16_LE(2),
        /** G.711 mu-law, 8 bits. */
        MULAW(1),
        /** G.711 A-law, 8 bits. */
        ALAW(1),
        /** 32-bit IEEE float little-endian, -1..1. */
        FLOAT32_LE(4);

        private final int bytesPerSample;

        Encoding(int bytesPerSample) {
            this.bytesPerSample = bytesPerSample;
        }

        public int bytesPerSample() {
            return bytesPerSample;
        }
    }

    /** 16 kHz mono PCM16: what most speech engines want and XUNA's default. */
    public static final AudioFormat PCM16_16K = pcm16(16_000);

    public AudioFormat {
        if (encoding == null) {
            throw new IllegalArgumentException("encoding is required");
        }
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample rate and channels must be positive: " + sampleRate + ", " + channels);
        }
    }

    /** Mono signed 16-bit little-endian PCM at {@code sampleRate}. */
    public static AudioFormat pcm16(int sampleRate) {
        return new AudioFormat(Encoding.PCM16_LE, sampleRate, 1);
    }

    /** Bytes one frame (one sample of every channel) takes. */
    public int frameSize() {
        return encoding.bytesPerSample() * channels;
    }

    /** Bytes per second of audio. */
    public int bytesPerSecond() {
        return frameSize() * sampleRate;
    }
}
