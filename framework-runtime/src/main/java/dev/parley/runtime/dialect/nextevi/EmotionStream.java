package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.AudioFrame;
import java.util.Optional;

/**
 * One session's user audio, on its way to an {@link EmotionDetector}. Parley calls it from one thread at a time, off
 * the network threads, so it may take its time; the stream decides itself where an utterance ends.
 */
public interface EmotionStream extends AutoCloseable {

    /**
     * More user audio, in the detector's {@link EmotionDetector#inputFormat()}.
     *
     * @return the emotions of an utterance, when this audio completed one; they are sent to the client at once
     */
    Optional<EmotionReading> accept(AudioFrame audio);

    /** The session ended. */
    @Override
    void close();
}
