package dev.parley.api.spi;

import dev.parley.api.AudioFrame;

/** One session's speech recognition; fed by one thread at a time. */
public interface RecognitionStream extends AutoCloseable {

    /** More of the user's speech, in the engine's {@link SpeechToText#inputFormat()}. */
    void accept(AudioFrame speech);

    /**
     * The user's turn ended: deliver the final {@link Recognition} of everything accepted since the last one
     * (possibly empty text), then start afresh for the next turn.
     */
    void endTurn();

    /** Discards what was heard since the last result (the "speech" was a false start). */
    void reset();

    @Override
    void close();
}
