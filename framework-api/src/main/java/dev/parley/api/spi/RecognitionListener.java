package dev.parley.api.spi;

/** Receives a {@link RecognitionStream}'s results, on whichever thread the engine produces them. */
public interface RecognitionListener {

    /** The words recognized so far in the current turn; may change until the final result. */
    void partial(String text);

    /** The final result of a turn, after {@link RecognitionStream#endTurn()}. */
    void completed(Recognition recognition);

    /** Recognition failed; the stream is unusable. */
    void failed(Exception failure);
}
