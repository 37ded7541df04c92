package dev.parley.runtime.speech.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter();

    @Test
    void sentencesAreReleasedAsSoonAsTheyAreComplete() {
        assertEquals(List.of(), splitter.add("We are open Mon"));
        assertEquals(List.of(), splitter.add("day to Friday."));
        assertEquals(List.of("We are open Monday to Friday."), splitter.add(" On Sunday"));
        assertEquals(List.of("On Sunday we are closed!"), splitter.add(" we are closed! "));
        assertEquals(List.of("Anything else?"), splitter.add("Anything else?\n"));
        assertEquals(List.of(), splitter.flush());
    }

    @Test
    void theRestIsFlushedAtTheEnd() {
        assertEquals(List.of(), splitter.add("No full stop at the end"));
        assertEquals(List.of("No full stop at the end"), splitter.flush());
    }

    @Test
    void decimalsAndPunctuationOnlyPiecesDoNotMakeEmptySentences() {
        List<String> out = new ArrayList<>(splitter.add("It costs 3.5 euros... "));
        out.addAll(splitter.add("!! "));
        out.addAll(splitter.flush());
        assertEquals(List.of("It costs 3.5 euros..."), out);
    }

    @Test
    void tokenByTokenStreamingGivesTheSameSentences() {
        String reply = "Hello there. How can I help you today? Ask me anything.";
        List<String> sentences = new ArrayList<>();
        for (char c : reply.toCharArray()) {
            sentences.addAll(splitter.add(String.valueOf(c)));
        }
        sentences.addAll(splitter.flush());
        assertEquals(List.of("Hello there.", "How can I help you today?", "Ask me anything."), sentences);
    }
}
