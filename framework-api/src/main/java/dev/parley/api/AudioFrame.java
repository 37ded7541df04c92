package dev.parley.api;

import java.util.Objects;

/**
 * A stretch of raw audio. The bytes are not copied: whoever builds a frame hands its array over, and
 * a handler that keeps a frame beyond its call must {@link #copy()} it.
 */
public final class AudioFrame {
    private final AudioFormat format;
    private final byte[] data;

    /**
     * @throws IllegalArgumentException if {@code data} does not hold whole frames of {@code format}
     */
    public AudioFrame(AudioFormat format, byte[] data) {
        this.format = Objects.requireNonNull(format, "format");
        this.data = Objects.requireNonNull(data, "data");
        if (data.length % format.frameSize() != 0) {
            throw new IllegalArgumentException(data.length + " bytes is not a whole number of "
                    + format.frameSize() + "-byte frames of " + format);
        }
    }

    public AudioFormat format() {
        return format;
    }

    /** The samples, not a copy. */
    public byte[] data() {
        return data;
    }

    /** Number of sample frames (samples per channel). */
    public int sampleCount() {
        return data.length / format.frameSize();
    }

    /** Duration in milliseconds, rounded down. */
    public long durationMillis() {
        return sampleCount() * 1000L / format.sampleRate();
    }

    /** A frame with its own copy of the bytes. */
    public AudioFrame copy() {
        return new AudioFrame(format, data.clone());
    }

    @Override
    public String toString() {
        return "AudioFrame[" + format + ", " + data.length + " bytes]";
    }
}
