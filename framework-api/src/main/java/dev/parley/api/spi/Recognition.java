package dev.parley.api.spi;

import java.util.List;

/**
 * The final result of recognizing one user turn.
 *
 * @param text  the words, empty if nothing was understood
 * @param words word timings, when the engine has them (else empty)
 */
public record Recognition(String text, List<Word> words) {

    public Recognition {
        words = List.copyOf(words);
    }

    /**
     * One recognized word.
     *
     * @param word       the word
     * @param start      seconds from the start of the turn
     * @param end        seconds from the start of the turn
     * @param confidence 0..1, or 1 when the engine gives none
     */
    public record Word(String word, double start, double end, double confidence) {
    }
}
