package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.AudioFormat;

/**
 * Recognizes emotions in user speech for NextEVI's {@code emotion_update}, when a client turns on
 * {@code emotion_detection}. Parley has none of its own: provide one as a CDI bean or through
 * {@code META-INF/services/dev.parley.runtime.dialect.nextevi.EmotionDetector}; {@code parley.nextevi.emotion-detector}
 * picks one by {@link #name()} when there are several, or turns detection off ({@code none}). A detector is created
 * once and shared; each session opens its own {@link EmotionStream}.
 */
public interface EmotionDetector {

    /** A short name, for settings and for the {@code status} message. */
    String name();

    /** The audio it wants; Parley converts the client's audio to it. */
    AudioFormat inputFormat();

    /** A stream for one session's user audio; called as the session starts, on a network thread, so keep it quick. */
    EmotionStream open();
}
