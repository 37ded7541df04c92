package dev.parley.runtime.speech.pipeline;

import dev.parley.api.TurnTaking;

/**
 * Decides, frame by frame from voice activity probabilities, when the user starts talking and when a turn
 * ends. Pure logic, one per session, used by one thread at a time.
 */
final class TurnDetector {

    /** What a frame changed. */
    enum Event {
        /** Nothing new. */
        NONE,
        /** The user started talking (enough speech after silence). */
        SPEECH_STARTED,
        /** Silence after speech long enough to end the turn, with enough speech in it. */
        TURN_ENDED,
        /** Silence after speech too short to be a turn: noise, a cough. */
        FALSE_START
    }

    private TurnTaking settings;
    private boolean talking;
    private long pendingSpeechMs;
    private long speechMs;
    private long silenceMs;

    TurnDetector(TurnTaking settings) {
        this.settings = settings;
    }

    void settings(TurnTaking settings) {
        this.settings = settings;
    }

    /** Whether the user is talking now. */
    boolean talking() {
        return talking;
    }

    /** Speech in the current turn so far, in milliseconds. */
    long speechMillis() {
        return speechMs;
    }

    Event frame(float speechProbability, long frameMs) {
        boolean speech = speechProbability >= settings.speechThreshold();
        if (!talking) {
            // speech must accumulate without a gap before it counts, so clicks do not start turns
            pendingSpeechMs = speech ? pendingSpeechMs + frameMs : 0;
            if (pendingSpeechMs >= Math.max(frameMs, settings.speechStart().toMillis())) {
                talking = true;
                speechMs = pendingSpeechMs;
                silenceMs = 0;
                pendingSpeechMs = 0;
                return Event.SPEECH_STARTED;
            }
            return Event.NONE;
        }
        if (speech) {
            speechMs += frameMs;
            silenceMs = 0;
            return Event.NONE;
        }
        silenceMs += frameMs;
        if (silenceMs < settings.endOfTurnSilence().toMillis()) {
            return Event.NONE;
        }
        talking = false;
        Event end = speechMs >= settings.minimumTurn().toMillis() ? Event.TURN_ENDED : Event.FALSE_START;
        speechMs = 0;
        silenceMs = 0;
        return end;
    }
}
