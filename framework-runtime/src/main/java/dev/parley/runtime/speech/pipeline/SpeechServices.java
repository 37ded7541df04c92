package dev.parley.runtime.speech.pipeline;

import dev.parley.api.TurnTaking;
import dev.parley.api.spi.SpeechToText;
import dev.parley.api.spi.TextToSpeech;
import dev.parley.api.spi.VoiceActivityDetector;
import dev.parley.runtime.config.Settings;
import java.time.Duration;

/**
 * The speech engines an application runs with (any may be absent: no recognizer means no speech input, no
 * synthesizer means text-only replies), and the settings that tune them.
 *
 * @param vad      voice activity detection, or null
 * @param stt      speech to text, or null
 * @param tts      text to speech, or null
 * @param settings where turn-taking defaults come from
 */
public record SpeechServices(VoiceActivityDetector vad, SpeechToText stt, TextToSpeech tts, Settings settings) {

    public static SpeechServices none(Settings settings) {
        return new SpeechServices(null, null, null, settings);
    }

    /** Whether user speech can be turned into transcripts. */
    public boolean canListen() {
        return vad != null && stt != null;
    }

    public boolean canSpeak() {
        return tts != null;
    }

    /** How far ahead of real time agent speech is sent (about a second: enough to ride out jitter, little to flush). */
    public long leadMillis() {
        return settings.getDuration("parley.speech.lead", Duration.ofMillis(1000)).toMillis();
    }

    /** Turn-taking defaults for an agent: {@code parley.agent.<id>.turn.*}, then {@code parley.turn.*}. */
    public TurnTaking turnTaking(String agentId) {
        TurnTaking defaults = TurnTaking.DEFAULT;
        return new TurnTaking(
                Float.parseFloat(setting(agentId, "speech-threshold", String.valueOf(defaults.speechThreshold()))),
                duration(agentId, "speech-start", defaults.speechStart()),
                duration(agentId, "end-silence", defaults.endOfTurnSilence()),
                duration(agentId, "minimum-turn", defaults.minimumTurn()),
                duration(agentId, "barge-in", defaults.bargeIn()));
    }

    private Duration duration(String agentId, String name, Duration defaultValue) {
        Duration general = settings.getDuration("parley.turn." + name, defaultValue);
        return settings.getDuration("parley.agent." + agentId + ".turn." + name, general);
    }

    private String setting(String agentId, String name, String defaultValue) {
        return settings.get("parley.agent." + agentId + ".turn." + name, settings.get("parley.turn." + name, defaultValue));
    }
}
