package dev.parley.api.spi;

import dev.parley.api.AudioFormat;

/**
 * Turns user speech into text while it is spoken. The engine is created (and warmed) once and shared; each
 * session recognizes through its own {@link RecognitionStream}. A cloud engine implements this over its
 * streaming API; see docs/speech.md.
 */
public interface SpeechToText {

    /** A short name for logs and settings ({@code vosk}). */
    String name();

    /** The audio it wants: mono PCM16 at some rate; the pipeline resamples to it. */
    AudioFormat inputFormat();

    /** Starts recognizing one session's speech; results go to {@code listener}. */
    RecognitionStream open(RecognitionListener listener);
}
