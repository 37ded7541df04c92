package dev.parley.runtime.speech.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UtteranceTest {
    private static final long MS = 1_000_000;

    private Utterance twoSentences() {
        Utterance utterance = new Utterance(7);
        Utterance.Sentence first = new Utterance.Sentence("We are open Monday to Friday.");
        first.startMs = 0;
        first.endMs = 2000;
        Utterance.Sentence second = new Utterance.Sentence("On Sunday we are closed.");
        second.startMs = 2000;
        second.endMs = 3000;
        utterance.sentences.add(first);
        utterance.sentences.add(second);
        utterance.audioMs = 3000;
        utterance.playStartNanos = 0;
        return utterance;
    }

    @Test
    void nothingIsHeardBeforePlaybackStarts() {
        Utterance utterance = twoSentences();
        utterance.playStartNanos = -1;
        assertEquals("", utterance.heardText(5000 * MS));
    }

    @Test
    void theCurrentSentenceIsCutAtThePlayoutPosition() {
        assertEquals("We are open", twoSentences().heardText(1000 * MS));
        assertEquals("We are open Monday to Friday. On Sunday", twoSentences().heardText(2500 * MS));
    }

    @Test
    void everythingSentIsHeardOnceItHasPlayed() {
        assertEquals("We are open Monday to Friday. On Sunday we are closed.", twoSentences().heardText(9000 * MS));
    }

    @Test
    void audioNotYetSentIsNotHeardEvenIfTimeHasPassed() {
        Utterance utterance = twoSentences();
        utterance.audioMs = 2000;
        utterance.sentences.get(1).startMs = -1;
        assertEquals("We are open Monday to Friday.", utterance.heardText(9000 * MS));
    }
}
