package dev.parley.runtime.speech.pipeline;

import static dev.parley.runtime.speech.pipeline.TurnDetector.Event.FALSE_START;
import static dev.parley.runtime.speech.pipeline.TurnDetector.Event.NONE;
import static dev.parley.runtime.speech.pipeline.TurnDetector.Event.SPEECH_STARTED;
import static dev.parley.runtime.speech.pipeline.TurnDetector.Event.TURN_ENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.TurnTaking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnDetectorTest {
    private static final int FRAME_MS = 30;
    private final TurnDetector detector = new TurnDetector(TurnTaking.DEFAULT);

    /** Feeds {@code ms} of frames with probability {@code p}; returns the events that were not NONE. */
    private List<TurnDetector.Event> feed(float p, int ms) {
        List<TurnDetector.Event> events = new ArrayList<>();
        for (int t = 0; t < ms; t += FRAME_MS) {
            TurnDetector.Event event = detector.frame(p, FRAME_MS);
            if (event != NONE) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void speechThenSilenceEndsTheTurnAfterTheConfiguredSilence() {
        assertEquals(List.of(SPEECH_STARTED), feed(0.9f, 900));
        assertTrue(detector.talking());
        assertEquals(List.of(), feed(0.1f, 570), "590 ms of silence is not yet the end");
        assertEquals(List.of(TURN_ENDED), feed(0.1f, 30));
        assertFalse(detector.talking());
    }

    @Test
    void shortPausesInsideATurnDoNotEndIt() {
        feed(0.9f, 600);
        assertEquals(List.of(), feed(0.1f, 300));
        assertEquals(List.of(), feed(0.9f, 300));
        assertEquals(List.of(), feed(0.1f, 500));
        assertTrue(detector.talking());
        assertEquals(900, detector.speechMillis(), "speech is counted across the pause");
    }

    @Test
    void aClickDoesNotStartATurnButSustainedSpeechDoes() {
        assertEquals(List.of(), feed(0.9f, 60));
        assertEquals(List.of(), feed(0.1f, 30));
        assertEquals(List.of(), feed(0.9f, 60));
        assertFalse(detector.talking(), "speech must be contiguous for 90 ms");
        assertEquals(List.of(SPEECH_STARTED), feed(0.9f, 30));
    }

    @Test
    void tooLittleSpeechIsAFalseStart() {
        feed(0.9f, 120);
        assertEquals(List.of(FALSE_START), feed(0.0f, 600));
    }

    @Test
    void settingsChangeTakesEffect() {
        detector.settings(TurnTaking.DEFAULT.withEndOfTurnSilence(Duration.ofMillis(300)));
        feed(0.9f, 600);
        assertEquals(List.of(TURN_ENDED), feed(0.1f, 300));
    }

    @Test
    void theThresholdDecidesWhatCountsAsSpeech() {
        detector.settings(TurnTaking.DEFAULT.withSpeechThreshold(0.8f));
        assertEquals(List.of(), feed(0.7f, 600));
        assertEquals(List.of(SPEECH_STARTED), feed(0.85f, 90));
    }
}
