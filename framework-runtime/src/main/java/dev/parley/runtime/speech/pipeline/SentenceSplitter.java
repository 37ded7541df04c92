package dev.parley.runtime.speech.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts streamed reply text into sentences, so each can be spoken as soon as it is complete. A sentence ends at
 * {@code . ! ?} (or a newline) followed by white space; abbreviations and decimals ("Dr. No", "3.5") may split
 * early, which costs a short pause, never a lost word.
 */
final class SentenceSplitter {
    private final StringBuilder pending = new StringBuilder();

    /** Adds streamed text; returns the sentences it completed. */
    List<String> add(String text) {
        pending.append(text);
        List<String> sentences = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < pending.length(); i++) {
            char c = pending.charAt(i);
            boolean ends = c == '\n' || ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(pending.charAt(i + 1)));
            if (ends) {
                addIfWords(sentences, pending.substring(start, i + 1));
                start = i + 1;
            }
        }
        pending.delete(0, start);
        return sentences;
    }

    /** Whatever is left at the end of the reply. */
    List<String> flush() {
        List<String> last = new ArrayList<>();
        addIfWords(last, pending.toString());
        pending.setLength(0);
        return last;
    }

    private static void addIfWords(List<String> sentences, String sentence) {
        String trimmed = sentence.strip();
        if (trimmed.chars().anyMatch(Character::isLetterOrDigit)) {
            sentences.add(trimmed);
        }
    }
}
