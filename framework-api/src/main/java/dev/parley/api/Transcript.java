package dev.parley.api;

import java.util.Objects;

/**
 * What the user said or typed.
 *
 * @param text    the words, never null
 * @param isFinal whether this is the end of the user's turn ({@link OnTranscript} only sees final ones)
 * @param source  whether the words were spoken (and recognized) or typed
 */
public record Transcript(String text, boolean isFinal, Source source) {

    /** How the words reached the server. */
    public enum Source { SPOKEN, TYPED }

    public Transcript {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /** A finished, typed user turn. */
    public static Transcript typed(String text) {
        return new Transcript(text, true, Source.TYPED);
    }

    /** A recognized stretch of speech; {@code isFinal} marks the end of the turn. */
    public static Transcript spoken(String text, boolean isFinal) {
        return new Transcript(text, isFinal, Source.SPOKEN);
    }
}
