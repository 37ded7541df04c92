package dev.parley.runtime.dialect.nextevi;

/** The {@code error_code} values Parley sends in NextEVI {@code error} messages. */
final class ErrorCodes {
    /** Not a NextEVI message, or one whose fields have the wrong types or values. */
    static final String INVALID_MESSAGE = "INVALID_MESSAGE";
    /** Audio that cannot be used: not base64, not whole samples (the code the NextEVI docs use for audio). */
    static final String AUDIO_PROCESSING_FAILED = "AUDIO_PROCESSING_FAILED";
    static final String AUDIO_CHUNK_TOO_LARGE = "AUDIO_CHUNK_TOO_LARGE";
    static final String UNSUPPORTED_AUDIO_FORMAT = "UNSUPPORTED_AUDIO_FORMAT";
    static final String INVALID_SESSION_SETTINGS = "INVALID_SESSION_SETTINGS";
    static final String RATE_LIMIT_EXCEEDED = "RATE_LIMIT_EXCEEDED";
    static final String SESSION_DURATION_EXCEEDED = "SESSION_DURATION_EXCEEDED";
    static final String AGENT_ERROR = "AGENT_ERROR";
    static final String EMOTION_DETECTION_FAILED = "EMOTION_DETECTION_FAILED";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {
    }
}
