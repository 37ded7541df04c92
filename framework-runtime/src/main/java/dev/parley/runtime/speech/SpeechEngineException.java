package dev.parley.runtime.speech;

/**
 * A speech engine cannot be found or started: a missing optional dependency, model file or executable, or a bad
 * setting. The message says what is missing and how to get it.
 */
public class SpeechEngineException extends IllegalStateException {

    public SpeechEngineException(String message) {
        super(message);
    }

    public SpeechEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
