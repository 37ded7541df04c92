package dev.parley.runtime.speech;

import dev.parley.api.spi.SpeechToText;
import dev.parley.api.spi.TextToSpeech;
import dev.parley.api.spi.VoiceActivityDetector;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.stt.VoskSpeechToText;
import dev.parley.runtime.speech.tts.EspeakTextToSpeech;
import dev.parley.runtime.speech.tts.FliteTextToSpeech;
import dev.parley.runtime.speech.vad.SileroVad;
import dev.parley.runtime.speech.vad.WebRtcVad;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the speech engines of a running Parley, each created once and shared by every session. For each stage,
 * in order:
 * <ol>
 * <li>a CDI bean of the SPI type, when a CDI container runs and resolves exactly one;</li>
 * <li>a {@link ServiceLoader} provider ({@code META-INF/services/dev.parley.api.spi.SpeechToText} ...): the one whose
 * {@code name()} equals the stage's setting, else the only one when the setting is not given;</li>
 * <li>the embedded engine the setting names: {@code parley.vad} = {@code webrtc} (default) | {@code silero},
 * {@code parley.stt} = {@code vosk} (default), {@code parley.tts} = {@code flite} (default) | {@code espeak}.</li>
 * </ol>
 * The value {@code none} turns a stage off (its getter answers null), whatever is present.
 * Embedded engines need optional dependencies of the runtime (libfvad-jni, onnxruntime, vosk); each lives in its own
 * class, loaded only when chosen, and a missing one gives an error naming the Maven coordinates. Engines this class
 * created are closed by {@link #close()}; CDI beans and providers are left to their owners.
 */
public final class SpeechEngines implements AutoCloseable {

    public static final String VAD_SETTING = "parley.vad";
    public static final String STT_SETTING = "parley.stt";
    public static final String TTS_SETTING = "parley.tts";

    private final Settings settings;
    private final ClassLoader classLoader;
    private final List<AutoCloseable> created = new ArrayList<>();
    public static final String NONE = "none";

    private Optional<VoiceActivityDetector> vad;
    private Optional<SpeechToText> stt;
    private Optional<TextToSpeech> tts;

    /** Engines found with the thread context class loader (the application's, in a Jakarta EE server). */
    public SpeechEngines(Settings settings) {
        this(settings, Thread.currentThread().getContextClassLoader());
    }

    public SpeechEngines(Settings settings, ClassLoader classLoader) {
        this.settings = settings;
        this.classLoader = classLoader != null ? classLoader : SpeechEngines.class.getClassLoader();
    }

    /**
     * The voice activity detector, found and started on first use (call it at startup: engines load models).
     *
     * @return the engine, or null if {@code parley.vad=none}
     * @throws SpeechEngineException if the engine cannot be found or started; the message says what to do
     */
    public synchronized VoiceActivityDetector voiceActivityDetector() {
        if (vad == null) {
            vad = find(VoiceActivityDetector.class, VAD_SETTING, "webrtc", VoiceActivityDetector::name, this::embeddedVad);
        }
        return vad.orElse(null);
    }

    /**
     * The speech recognizer, found and started (model loaded, recognizers warmed) on first use.
     *
     * @return the engine, or null if {@code parley.stt=none}
     * @throws SpeechEngineException if the engine cannot be found or started; the message says what to do
     */
    public synchronized SpeechToText speechToText() {
        if (stt == null) {
            stt = find(SpeechToText.class, STT_SETTING, "vosk", SpeechToText::name, this::embeddedStt);
        }
        return stt.orElse(null);
    }

    /**
     * The speech synthesizer, found and started on first use.
     *
     * @return the engine, or null if {@code parley.tts=none}
     * @throws SpeechEngineException if the engine cannot be found or started; the message says what to do
     */
    public synchronized TextToSpeech textToSpeech() {
        if (tts == null) {
            tts = find(TextToSpeech.class, TTS_SETTING, "flite", TextToSpeech::name, this::embeddedTts);
        }
        return tts.orElse(null);
    }

    /** Closes the embedded engines this instance started, last first. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing speech engines failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        created.clear();
        vad = null;
        stt = null;
        tts = null;
        if (failure != null) {
            throw failure;
        }
    }

    private <T> Optional<T> find(Class<T> type, String setting, String defaultName, Function<T, String> name,
                                 Function<String, T> embedded) {
        Optional<String> chosen = settings.get(setting);
        if (chosen.isPresent() && chosen.get().equalsIgnoreCase(NONE)) {
            return Optional.empty();
        }
        Optional<T> bean = cdiBean(type);
        if (bean.isPresent()) {
            return bean;
        }
        List<T> providers = providers(type);
        if (chosen.isPresent()) {
            for (T provider : providers) {
                if (chosen.get().equals(name.apply(provider))) {
                    return Optional.of(provider);
                }
            }
        } else if (providers.size() == 1) {
            return Optional.of(providers.get(0));
        } else if (providers.size() > 1) {
            throw new SpeechEngineException("Several " + type.getSimpleName() + " providers are registered through "
                    + "ServiceLoader: " + describe(providers, name) + ". Choose one with " + setting + "=<name>.");
        }
        T engine = embedded.apply(chosen.orElse(defaultName).trim().toLowerCase(java.util.Locale.ROOT));
        if (engine instanceof AutoCloseable) {
            created.add((AutoCloseable) engine);
        }
        return Optional.of(engine);
    }

    private VoiceActivityDetector embeddedVad(String name) {
        switch (name) {
            case WebRtcVad.NAME:
                return optional(name, "io.github.givimad:libfvad-jni:1.0.0-1", () -> WebRtcVad.fromSettings(settings));
            case SileroVad.NAME:
                return optional(name, "com.microsoft.onnxruntime:onnxruntime:1.23.2", () -> SileroVad.fromSettings(settings));
            default:
                throw unknown(VAD_SETTING, name, "webrtc, silero", VoiceActivityDetector.class);
        }
    }

    private SpeechToText embeddedStt(String name) {
        if (name.equals(VoskSpeechToText.NAME)) {
            return optional(name, "com.alphacephei:vosk:0.3.45", () -> VoskSpeechToText.fromSettings(settings));
        }
        throw unknown(STT_SETTING, name, "vosk", SpeechToText.class);
    }

    private TextToSpeech embeddedTts(String name) {
        switch (name) {
            case FliteTextToSpeech.NAME:
                return FliteTextToSpeech.fromSettings(settings);
            case EspeakTextToSpeech.NAME:
                return EspeakTextToSpeech.fromSettings(settings);
            default:
                throw unknown(TTS_SETTING, name, "flite, espeak", TextToSpeech.class);
        }
    }

    /** Runs an engine's factory, turning a missing optional dependency or native library into a clear error. */
    private static <T> T optional(String engine, String coordinates, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (NoClassDefFoundError e) {
            if (String.valueOf(e.getMessage()).startsWith("Could not initialize class")) {
                throw nativeFailure(engine, coordinates, e); // an earlier attempt failed in a static initializer
            }
            String[] gav = coordinates.split(":");
            throw new SpeechEngineException("The " + engine + " engine needs " + coordinates + " on the class path ("
                    + e.getMessage() + " is missing); it is an optional dependency of framework-runtime, so add "
                    + "<dependency><groupId>" + gav[0] + "</groupId><artifactId>" + gav[1] + "</artifactId><version>"
                    + gav[2] + "</version></dependency> to your application, or choose another engine, or set "
                    + "parley.speech=off for text conversations only.", e);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError e) {
            throw nativeFailure(engine, coordinates, e);
        }
    }

    private static SpeechEngineException nativeFailure(String engine, String coordinates, Throwable e) {
        return new SpeechEngineException("The " + engine + " engine's native library (from " + coordinates
                + ") cannot be loaded on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": "
                + e + ". Choose another engine, or provide one as a CDI bean or through ServiceLoader.", e);
    }

    private SpeechEngineException unknown(String setting, String value, String embedded, Class<?> type) {
        List<?> providers = providers(type);
        return new SpeechEngineException(setting + "=" + value + " names no engine: the embedded ones are " + embedded
                + " (or none)" + (providers.isEmpty() ? "" : "; registered through ServiceLoader: "
                + providers.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))) + ".");
    }

    private static <T> Optional<T> cdiBean(Class<T> type) {
        try {
            return CdiEngines.lookup(type);
        } catch (NoClassDefFoundError e) {
            return Optional.empty(); // the CDI API is not on the class path
        }
    }

    private <T> List<T> providers(Class<T> type) {
        List<T> found = new ArrayList<>();
        try {
            for (T provider : ServiceLoader.load(type, classLoader)) {
                found.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new SpeechEngineException("A " + type.getSimpleName() + " registered in META-INF/services/"
                    + type.getName() + " cannot be created: " + e.getMessage(), e);
        }
        return found;
    }

    private static <T> String describe(List<T> providers, Function<T, String> name) {
        return providers.stream().map(p -> name.apply(p) + " (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
    }
}
