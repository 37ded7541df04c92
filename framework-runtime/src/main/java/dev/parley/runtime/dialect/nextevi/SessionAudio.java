package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.AudioFormat;
import java.util.List;
import java.util.Map;

/**
 * The user audio a session takes, in NextEVI's terms ({@code encoding}, {@code sample_rate}, {@code channels}).
 * Without {@code session_settings} it is 24 kHz linear16 mono: the React SDK reconnects without sending settings.
 */
record SessionAudio(String encoding, int sampleRate, int channels) {
    static final SessionAudio DEFAULT = new SessionAudio("linear16", 24_000, 1);
    /** NextEVI's name of 24 kHz 16-bit mono PCM: the default user audio, and always the agent's. */
    static final String PCM_24K_NAME = "pcm_24khz_16bit_mono";
    /** Agent audio is always this: what the React SDK plays. */
    static final AudioFormat OUTPUT = AudioFormat.pcm16(24_000);

    private static final Map<String, AudioFormat.Encoding> ENCODINGS = Map.of(
            "linear16", AudioFormat.Encoding.PCM16_LE,
            "mulaw", AudioFormat.Encoding.MULAW,
            "alaw", AudioFormat.Encoding.ALAW);
    private static final List<Integer> RATES = List.of(8_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000);

    /**
     * The audio a client asked for; absent fields keep the defaults.
     *
     * @throws NexteviProtocolException (closing with 1003) for audio Parley cannot take
     */
    static SessionAudio of(NexteviInbound.Audio requested) throws NexteviProtocolException {
        if (requested == null) {
            return DEFAULT;
        }
        SessionAudio audio = new SessionAudio(
                requested.encoding() == null ? DEFAULT.encoding : requested.encoding(),
                requested.sampleRate() == null ? DEFAULT.sampleRate : requested.sampleRate(),
                requested.channels() == null ? DEFAULT.channels : requested.channels());
        if (!ENCODINGS.containsKey(audio.encoding) || !RATES.contains(audio.sampleRate) || audio.channels > 2) {
            throw new NexteviProtocolException(ErrorCodes.UNSUPPORTED_AUDIO_FORMAT, "Unsupported audio: " + audio.describe()
                    + ". Supported: encoding " + String.join(", ", ENCODINGS.keySet().stream().sorted().toList())
                    + "; sample_rate " + RATES + "; channels 1 or 2", CloseCodes.UNSUPPORTED_DATA, Map.of());
        }
        return audio;
    }

    AudioFormat format() {
        return new AudioFormat(ENCODINGS.get(encoding), sampleRate, channels);
    }

    private String describe() {
        return encoding + " at " + sampleRate + " Hz, " + channels + " channel(s)";
    }
}
