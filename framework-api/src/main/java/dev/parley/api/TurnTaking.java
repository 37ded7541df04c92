package dev.parley.api;

import java.time.Duration;
import java.util.Objects;

/**
 * When Parley decides that the user started talking, finished a turn, or talked over the agent. Defaults come
 * from settings ({@code parley.turn.*}, per agent {@code parley.agent.<id>.turn.*}, see docs/speech.md); an
 * agent can change them for one session with {@link AgentSession#turnTaking(TurnTaking)}.
 *
 * @param speechThreshold  voice activity probability (0..1) above which a frame counts as speech
 * @param speechStart      speech needed before the user is considered to be talking
 * @param endOfTurnSilence silence after speech that ends the user's turn
 * @param minimumTurn      speech a turn needs in total; shorter ones are dropped as noise
 * @param bargeIn          speech needed to interrupt the agent while it talks, so short backchannels
 *                         ("mhm") do not cut it off
 */
public record TurnTaking(float speechThreshold, Duration speechStart, Duration endOfTurnSilence, Duration minimumTurn,
                         Duration bargeIn) {

    public static final TurnTaking DEFAULT = new TurnTaking(0.5f, Duration.ofMillis(90), Duration.ofMillis(600),
            Duration.ofMillis(250), Duration.ofMillis(300));

    public TurnTaking {
        if (speechThreshold <= 0 || speechThreshold >= 1) {
            throw new IllegalArgumentException("speechThreshold must be between 0 and 1: " + speechThreshold);
        }
        for (Duration duration : new Duration[] {speechStart, endOfTurnSilence, minimumTurn, bargeIn}) {
            if (Objects.requireNonNull(duration).isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + duration);
            }
        }
    }

    public TurnTaking withEndOfTurnSilence(Duration silence) {
        return new TurnTaking(speechThreshold, speechStart, silence, minimumTurn, bargeIn);
    }

    public TurnTaking withBargeIn(Duration speech) {
        return new TurnTaking(speechThreshold, speechStart, endOfTurnSilence, minimumTurn, speech);
    }

    public TurnTaking withSpeechThreshold(float threshold) {
        return new TurnTaking(threshold, speechStart, endOfTurnSilence, minimumTurn, bargeIn);
    }
}
