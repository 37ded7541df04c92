package dev.parley.runtime.speech.tts;

import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code espeak-ng} as a child process per sentence ({@code apt-get install espeak-ng}). It is GPL-3.0 licensed, which
 * is why Parley only runs it as a separate program and never links it. Its voices speak 22.05 kHz mono PCM16 (mbrola
 * voices 16 kHz; a requested voice in another format falls back to the default). espeak-ng streams: audio arrives
 * while later sentences are still being synthesized.
 *
 * <p>Settings: {@code parley.tts.espeak.command} (default {@code espeak-ng}), {@code parley.tts.espeak.voice}
 * (default {@code en-us}), {@code parley.tts.chunk-ms} (default 100). The text goes to standard input.
 */
public final class EspeakTextToSpeech extends SubprocessTextToSpeech {

    public static final String NAME = "espeak";

    /**
     * Starts the engine: runs {@code command --voices} and a one-word synthesis with {@code defaultVoice}.
     *
     * @throws SpeechEngineException if espeak-ng cannot be run or has no such voice
     */
    public EspeakTextToSpeech(String command, String defaultVoice, int chunkMillis) {
        super(NAME, command, defaultVoice, chunkMillis);
    }

    /** The engine configured by {@code parley.tts.espeak.*}. */
    public static EspeakTextToSpeech fromSettings(Settings settings) {
        return new EspeakTextToSpeech(settings.get("parley.tts.espeak.command", "espeak-ng"),
                settings.get("parley.tts.espeak.voice", "en-us"), settings.getInt("parley.tts.chunk-ms", 100));
    }

    @Override
    List<String> commandLine(String command, String voice, String text) {
        return List.of(command, "-v", voice, "--stdout", "--stdin");
    }

    @Override
    boolean textOnStandardInput() {
        return true;
    }

    @Override
    List<String> listVoicesCommand(String command) {
        return List.of(command, "--voices");
    }

    @Override
    Set<String> parseVoices(String listing) {
        // Pty Language       Age/Gender VoiceName          File                 Other Languages
        //  2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
        Set<String> voices = new LinkedHashSet<>();
        for (String line : listing.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 5 && columns[0].matches("\\d+")) {
                for (String name : new String[] {columns[1], columns[3], columns[4]}) {
                    if (name.matches("[A-Za-z0-9][A-Za-z0-9_/()+.-]*")) {
                        voices.add(name);
                    }
                }
            }
        }
        return voices;
    }

    @Override
    String voiceSetting() {
        return "parley.tts.espeak.voice";
    }

    @Override
    String installHelp() {
        return "Install espeak-ng (Debian/Ubuntu: 'apt-get install espeak-ng') or point parley.tts.espeak.command "
                + "(PARLEY_TTS_ESPEAK_COMMAND) at its executable; or use parley.tts=flite, or a TextToSpeech of your own "
                + "as a CDI bean or through ServiceLoader (see docs/speech.md).";
    }
}
