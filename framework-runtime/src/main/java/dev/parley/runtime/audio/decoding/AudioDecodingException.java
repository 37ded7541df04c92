package dev.parley.runtime.audio.decoding;

/** Encoded audio could not be decoded; the message is fit to show to the client that sent it. */
public final class AudioDecodingException extends RuntimeException {

    public AudioDecodingException(String message) {
        super(message);
    }

    public AudioDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
