package dev.parley.runtime.dialect.nextevi;

import java.util.Optional;

/**
 * What a {@code status: ready} message tells the client about its session.
 *
 * @param audio            the user audio the session takes
 * @param emotionRequested whether the client asked for emotion detection
 * @param emotionDetector  the name of the server's emotion detector, if one is configured
 * @param conversationId   Parley's conversation id, for matching the server's logs
 */
record SessionReport(SessionAudio audio, boolean emotionRequested, Optional<String> emotionDetector,
                     String conversationId) {

    /** Whether {@code emotion_update}s from the detector will come. */
    boolean emotionDetectionOn() {
        return emotionRequested && emotionDetector.isPresent();
    }
}
