package dev.parley.runtime.speech;

import dev.parley.runtime.config.Settings;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link SpeechEngines} in a class loader that hides some packages, as in an application that left out the
 * runtime's optional dependencies. {@link #probe} is called reflectively inside that loader and answers in plain
 * strings, so no type crosses the loaders.
 */
public final class IsolatedEngines {

    private IsolatedEngines() {
    }

    /** What {@link #probe} answers when run with the test class path minus {@code hiddenPackages}. */
    static String probeWithout(List<String> hiddenPackages, String... settings) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(toUrl(entry));
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                for (String hidden : hiddenPackages) {
                    if (name.startsWith(hidden)) {
                        throw new ClassNotFoundException(name + " (hidden by the test)");
                    }
                }
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> isolated = Class.forName(IsolatedEngines.class.getName(), true, loader);
            if (isolated.getClassLoader() != loader) {
                throw new IllegalStateException("not isolated");
            }
            return (String) isolated.getMethod("probe", String[].class).invoke(null, (Object) settings);
        }
    }

    private static URL toUrl(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }

    /** Asks for each engine; answers "vad=..., tts=..., stt=..." with each engine's name or error message. */
    public static String probe(String... settings) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        StringBuilder answer = new StringBuilder();
        try (SpeechEngines engines = new SpeechEngines(new Settings(values::get, Map.of()))) {
            answer.append("vad=").append(attempt(() -> engines.voiceActivityDetector().name()));
            answer.append("\ntts=").append(attempt(() -> engines.textToSpeech().name()));
            answer.append("\nstt=").append(attempt(() -> engines.speechToText().name()));
        }
        return answer.toString();
    }

    private static String attempt(java.util.function.Supplier<String> engine) {
        try {
            return engine.get();
        } catch (SpeechEngineException e) {
            return "error: " + e.getMessage();
        }
    }
}
