package dev.parley.runtime.speech.tts;

import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The embedded default synthesizer: CMU {@code flite} (BSD-style licence, {@code apt-get install flite}) as a child
 * process per sentence. Its voices slt, rms, awb and kal16 speak 16 kHz mono PCM16; flite renders a sentence in a few
 * tens of milliseconds and writes it whole, which reaches the listener in chunks.
 *
 * <p>Settings: {@code parley.tts.flite.command} the executable (default {@code flite}), {@code parley.tts.flite.voice}
 * the default voice (default {@code slt}), {@code parley.tts.chunk-ms} the chunk length (default 100).
 *
 * <p>The text goes on flite's command line ({@code -t}), because flite writes nothing to a pipe when it reads a file;
 * it is visible in the process list while the sentence is synthesized.
 */
public final class FliteTextToSpeech extends SubprocessTextToSpeech {

    public static final String NAME = "flite";

    /**
     * Starts the engine: runs {@code command -lv} and a one-word synthesis with {@code defaultVoice}.
     *
     * @throws SpeechEngineException if flite cannot be run (the message says how to install it or choose another
     *                               engine) or has no such voice
     */
    public FliteTextToSpeech(String command, String defaultVoice, int chunkMillis) {
        super(NAME, command, defaultVoice, chunkMillis);
    }

    /** The engine configured by {@code parley.tts.flite.*}. */
    public static FliteTextToSpeech fromSettings(Settings settings) {
        return new FliteTextToSpeech(settings.get("parley.tts.flite.command", "flite"),
                settings.get("parley.tts.flite.voice", "slt"), settings.getInt("parley.tts.chunk-ms", 100));
    }

    @Override
    List<String> commandLine(String command, String voice, String text) {
        return List.of(command, "-voice", voice, "-t", text, "-o", "/dev/stdout");
    }

    @Override
    boolean textOnStandardInput() {
        return false;
    }

    @Override
    List<String> listVoicesCommand(String command) {
        return List.of(command, "-lv");
    }

    @Override
    Set<String> parseVoices(String listing) {
        // "Voices available: kal awb_time kal16 awb rms slt"
        int colon = listing.indexOf(':');
        Set<String> voices = new LinkedHashSet<>();
        Arrays.stream(listing.substring(colon + 1).trim().split("\\s+"))
                .filter(v -> v.matches("[A-Za-z0-9_]+"))
                .forEach(voices::add);
        return voices;
    }

    @Override
    boolean usableVoice(String voice) {
        return !voice.equals("awb_time"); // a talking clock: it only says times
    }

    @Override
    String voiceSetting() {
        return "parley.tts.flite.voice";
    }

    @Override
    String installHelp() {
        return "Install flite (Debian/Ubuntu: 'apt-get install flite'; Fedora: 'dnf install flite'; macOS: "
                + "'brew install flite') or point parley.tts.flite.command (PARLEY_TTS_FLITE_COMMAND) at its executable; "
                + "or configure another engine: parley.tts=espeak for espeak-ng, or a TextToSpeech of your own as a CDI "
                + "bean or through ServiceLoader (see docs/speech.md).";
    }
}
