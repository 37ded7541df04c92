package dev.parley.api;

import java.util.List;
import java.util.Objects;

/**
 * What the user said or typed.
 *
 * @param text    the words, never null
 * @param isFinal whether this is the end of the user's turn ({@link OnTranscript} only sees final ones)
 * @param source  whether the words were spoken (and recognized) or typed
 * @param words   word timings when the recognizer gives them, else empty
 */
public record Transcript(String text, boolean isFinal, Source source, List<Word> words) {

    /** How the words reached the server. */
    public enum Source { SPOKEN, TYPED }

    /**
     * One recognized word.
     *
     * @param word       the word
     * @param start      seconds from the start of the user's turn
     * @param end        seconds from the start of the user's turn
     * @param confidence 0..1, or 1 when the recognizer gives none
     */
    public record Word(String word, double start, double end, double confidence) {
    }

    public Transcript {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        words = List.copyOf(words);
    }

    /** A transcript without word timings. */
    public Transcript(String text, boolean isFinal, Source source) {
        this(text, isFinal, source, List.of());
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
