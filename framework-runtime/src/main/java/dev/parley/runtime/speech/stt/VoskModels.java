package dev.parley.runtime.speech.stt;

import dev.parley.runtime.speech.SpeechEngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * Loads each Vosk model directory once per process, however many engines use it, and frees it when the last one
 * closes. A model is a few hundred megabytes of native memory and takes seconds to load.
 */
final class VoskModels {

    static final String MODEL_SETTING = "parley.stt.vosk.model";

    private static final Map<Path, Entry> MODELS = new HashMap<>();
    private static int loads;

    private static final class Entry {
        final Model model;
        final long loadNanos;
        int users;

        Entry(Model model, long loadNanos) {
            this.model = model;
            this.loadNanos = loadNanos;
        }
    }

    private VoskModels() {
    }

    /** The model in {@code directory}, loading it if no engine holds it yet. */
    static synchronized Model acquire(Path directory) {
        Path key = checkDirectory(directory);
        Entry entry = MODELS.get(key);
        if (entry == null) {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            long start = System.nanoTime();
            Model model;
            try {
                model = new Model(key.toString());
            } catch (IOException e) {
                throw new SpeechEngineException("Vosk could not load the model in " + key + " (" + e.getMessage()
                        + "); is it a complete Vosk model directory? " + HOW_TO_GET, e);
            }
            entry = new Entry(model, System.nanoTime() - start);
            MODELS.put(key, entry);
            loads++;
        }
        entry.users++;
        return entry.model;
    }

    /** Gives back a model from {@link #acquire}; the last user frees it. */
    static synchronized void release(Path directory) {
        Path key = directory.toAbsolutePath().normalize();
        Entry entry = MODELS.get(key);
        if (entry != null && --entry.users == 0) {
            MODELS.remove(key);
            entry.model.close();
        }
    }

    /** How many times a model was loaded in this process (for tests and diagnostics). */
    static synchronized int loads() {
        return loads;
    }

    /** How long loading the model held for {@code directory} took, or -1 if none is held. */
    static synchronized long loadNanos(Path directory) {
        Entry entry = MODELS.get(directory.toAbsolutePath().normalize());
        return entry == null ? -1 : entry.loadNanos;
    }

    static final String HOW_TO_GET = "The English model is on Maven Central as com.alphacephei:vosk-model-en:0.3.45 "
            + "(type aar, a zip): unzip its assets/model-en-us/ directory and point " + MODEL_SETTING
            + " (or PARLEY_STT_VOSK_MODEL) at it, for example: mvn dependency:copy "
            + "-Dartifact=com.alphacephei:vosk-model-en:0.3.45:aar -DoutputDirectory=. && unzip vosk-model-en-0.3.45.aar "
            + "'assets/model-en-us/*' && -D" + MODEL_SETTING + "=assets/model-en-us. framework-runtime's build unpacks it "
            + "into target/vosk-model (see docs/speech.md). Or configure another SpeechToText (CDI bean or ServiceLoader).";

    static Path checkDirectory(Path directory) {
        Path key = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(key)) {
            throw new SpeechEngineException("The Vosk model directory " + key + " does not exist. " + HOW_TO_GET);
        }
        if (!Files.isDirectory(key.resolve("am")) && !Files.isRegularFile(key.resolve("final.mdl"))) {
            throw new SpeechEngineException(key + " is not a Vosk model directory (no am/final.mdl). " + HOW_TO_GET);
        }
        return key;
    }
}
