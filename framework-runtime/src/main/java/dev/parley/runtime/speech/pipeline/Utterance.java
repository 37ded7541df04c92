package dev.parley.runtime.speech.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The spoken side of one agent response: its sentences and where each one's audio lies on the response's
 * timeline, so an interruption can tell which words the user heard.
 */
final class Utterance {

    /** One sentence and its audio span in milliseconds from the start of the response's audio. */
    static final class Sentence {
        final String text;
        long startMs = -1;
        long endMs = -1;

        Sentence(String text) {
            this.text = text;
        }
    }

    final long responseId;
    final List<Sentence> sentences = new ArrayList<>();
    /** Milliseconds of audio queued for the client so far. */
    long audioMs;
    /** When the response's first audio starts playing at the client, or -1 before any was sent. */
    long playStartNanos = -1;
    boolean textComplete;
    Runnable playedOut;

    Utterance(long responseId) {
        this.responseId = responseId;
    }

    /** The text the user heard by {@code now}: whole sentences played, and the played share of the current one. */
    String heardText(long now) {
        long playedMs = playStartNanos < 0 ? 0 : Math.min(audioMs, (now - playStartNanos) / 1_000_000);
        StringBuilder heard = new StringBuilder();
        for (Sentence sentence : sentences) {
            if (sentence.startMs < 0 || playedMs <= sentence.startMs) {
                break;
            }
            if (playedMs >= sentence.endMs) {
                append(heard, sentence.text);
                continue;
            }
            String[] words = sentence.text.split("\\s+");
            double share = (double) (playedMs - sentence.startMs) / Math.max(1, sentence.endMs - sentence.startMs);
            int count = (int) Math.floor(words.length * share);
            append(heard, String.join(" ", java.util.Arrays.copyOf(words, count)));
            break;
        }
        return heard.toString();
    }

    private static void append(StringBuilder text, String more) {
        if (more.isEmpty()) {
            return;
        }
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(more);
    }
}
