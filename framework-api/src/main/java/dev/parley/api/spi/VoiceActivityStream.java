package dev.parley.api.spi;

/** One session's voice activity analysis; used by one thread at a time. */
public interface VoiceActivityStream extends AutoCloseable {

    /**
     * The probability (0..1) that {@code frame} holds speech. A detector that only decides yes or no answers
     * 0 or 1.
     *
     * @param frame exactly {@link VoiceActivityDetector#frameSamples()} samples in its input format
     */
    float speechProbability(short[] frame);

    @Override
    void close();
}
