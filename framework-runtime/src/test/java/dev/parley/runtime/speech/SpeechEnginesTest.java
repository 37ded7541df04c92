package dev.parley.runtime.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.spi.Synthesis;
import dev.parley.api.spi.SynthesisListener;
import dev.parley.api.spi.TextToSpeech;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.stt.VoskSpeechToText;
import dev.parley.runtime.speech.tts.EspeakTextToSpeech;
import dev.parley.runtime.speech.tts.FliteTextToSpeech;
import dev.parley.runtime.speech.vad.SileroVad;
import dev.parley.runtime.speech.vad.WebRtcVad;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechEnginesTest {

    @TempDir
    Path services;

    static Settings settings(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new Settings(values::get, Map.of());
    }

    @Test
    @Tag("slow")
    void embeddedDefaultsAreWebRtcAndFliteAndVosk() {
        try (SpeechEngines engines = new SpeechEngines(settings("parley.stt.vosk.model",
                System.getProperty("parley.stt.vosk.model"), "parley.stt.vosk.recognizers", "0"))) {
            assertInstanceOf(WebRtcVad.class, engines.voiceActivityDetector());
            assertInstanceOf(FliteTextToSpeech.class, engines.textToSpeech());
            assertInstanceOf(VoskSpeechToText.class, engines.speechToText());
            assertSame(engines.textToSpeech(), engines.textToSpeech(), "created once");
        }
    }

    @Test
    void settingsChooseTheOtherEmbeddedEngines() {
        Path model = SpeechSamples.sileroModel();
        try (SpeechEngines engines = new SpeechEngines(settings("parley.tts", "espeak", "parley.vad", "silero",
                "parley.vad.silero.model", model.toString()))) {
            assertInstanceOf(EspeakTextToSpeech.class, engines.textToSpeech());
            assertInstanceOf(SileroVad.class, engines.voiceActivityDetector());
        }
    }

    @Test
    void anUnknownEngineNameListsTheChoices() {
        try (SpeechEngines engines = new SpeechEngines(settings("parley.tts", "polly", "parley.vad", "cobra", "parley.stt", "whisper"))) {
            assertEquals("parley.tts=polly names no engine: the embedded ones are flite, espeak (or none).",
                    assertThrows(SpeechEngineException.class, engines::textToSpeech).getMessage());
            assertTrue(assertThrows(SpeechEngineException.class, engines::voiceActivityDetector).getMessage().contains("webrtc, silero"));
            assertTrue(assertThrows(SpeechEngineException.class, engines::speechToText).getMessage().contains("vosk"));
        }
    }

    @Test
    void noneTurnsAStageOffEvenWhenAnEngineIsThere() throws IOException {
        try (URLClassLoader loader = providers(ProvidedTts.class);
             SpeechEngines engines = new SpeechEngines(settings("parley.tts", "none", "parley.vad", "None", "parley.stt", "none"), loader)) {
            assertNull(engines.textToSpeech());
            assertNull(engines.voiceActivityDetector());
            assertNull(engines.speechToText());
        }
    }

    @Test
    void aMissingFliteNamesTheSettingAndTheAlternatives() {
        try (SpeechEngines engines = new SpeechEngines(settings("parley.tts.flite.command", "/opt/none/flite"))) {
            String message = assertThrows(SpeechEngineException.class, engines::textToSpeech).getMessage();
            assertTrue(message.contains("apt-get install flite") && message.contains("parley.tts=espeak"), message);
        }
    }

    @Test
    void aServiceLoaderProviderComesBeforeTheEmbeddedDefault() throws IOException {
        try (URLClassLoader loader = providers(ProvidedTts.class)) {
            try (SpeechEngines engines = new SpeechEngines(settings(), loader)) {
                assertInstanceOf(ProvidedTts.class, engines.textToSpeech());
            }
            try (SpeechEngines engines = new SpeechEngines(settings("parley.tts", "provided"), loader)) {
                assertInstanceOf(ProvidedTts.class, engines.textToSpeech());
            }
            try (SpeechEngines engines = new SpeechEngines(settings("parley.tts", "flite"), loader)) {
                assertInstanceOf(FliteTextToSpeech.class, engines.textToSpeech(), "a setting naming an embedded engine wins");
            }
        }
    }

    @Test
    void severalProvidersNeedASetting() throws IOException {
        try (URLClassLoader loader = providers(ProvidedTts.class, OtherProvidedTts.class)) {
            try (SpeechEngines engines = new SpeechEngines(settings(), loader)) {
                String message = assertThrows(SpeechEngineException.class, engines::textToSpeech).getMessage();
                assertTrue(message.contains("provided (") && message.contains("other (") && message.contains("parley.tts=<name>"),
                        message);
            }
            try (SpeechEngines engines = new SpeechEngines(settings("parley.tts", "other"), loader)) {
                assertInstanceOf(OtherProvidedTts.class, engines.textToSpeech());
            }
        }
    }

    @Test
    void aCdiBeanComesFirst() {
        try (WeldContainer container = new Weld("speech-engines-test").disableDiscovery()
                .addBeanClasses(CdiTts.class).initialize();
             SpeechEngines engines = new SpeechEngines(settings("parley.tts", "espeak"))) {
            assertTrue(container.isRunning());
            assertEquals("cdi", engines.textToSpeech().name());
            assertInstanceOf(WebRtcVad.class, engines.voiceActivityDetector(), "no VAD bean: the embedded default");
        }
    }

    @Test
    void twoCdiBeansAreAnError() {
        try (WeldContainer container = new Weld("speech-engines-test-2").disableDiscovery()
                .addBeanClasses(CdiTts.class, OtherCdiTts.class).initialize();
             SpeechEngines engines = new SpeechEngines(settings())) {
            assertTrue(container.isRunning());
            String message = assertThrows(SpeechEngineException.class, engines::textToSpeech).getMessage();
            assertTrue(message.contains(CdiTts.class.getName()) && message.contains(OtherCdiTts.class.getName()), message);
        }
    }

    @Test
    void withoutTheOptionalDependenciesOnlyTheChosenEngineFailsAndSaysWhatToAdd() throws Exception {
        String answer = IsolatedEngines.probeWithout(List.of("io.github.givimad.", "org.vosk.", "ai.onnxruntime.", "com.sun.jna."),
                "parley.stt.vosk.model", System.getProperty("parley.stt.vosk.model"));
        String[] lines = answer.split("\n");
        assertTrue(lines[0].startsWith("vad=error: The webrtc engine needs io.github.givimad:libfvad-jni:1.0.0-1"), lines[0]);
        assertTrue(lines[0].contains("<artifactId>libfvad-jni</artifactId>") && lines[0].contains("parley.speech=off"),
                lines[0]);
        assertEquals("tts=flite", lines[1]);
        assertTrue(lines[2].startsWith("stt=error: The vosk engine needs com.alphacephei:vosk:0.3.45"), lines[2]);

        String silero = IsolatedEngines.probeWithout(List.of("ai.onnxruntime."), "parley.vad", "silero",
                "parley.vad.silero.model", "/any/silero_vad_v5.onnx").split("\n")[0];
        assertTrue(silero.startsWith("vad=error: The silero engine needs com.microsoft.onnxruntime:onnxruntime"), silero);
    }

    @Test
    void withoutTheCdiApiEnginesAreStillFound() throws Exception {
        String answer = IsolatedEngines.probeWithout(List.of("jakarta.enterprise.", "org.jboss.weld."),
                "parley.stt.vosk.model", "/nonexistent/vosk-model"); // Vosk is reached, and fails for its own reason
        String[] lines = answer.split("\n");
        assertEquals("vad=webrtc", lines[0]);
        assertEquals("tts=flite", lines[1]);
        assertTrue(lines[2].startsWith("stt=error: The Vosk model directory /nonexistent/vosk-model does not exist."), lines[2]);
    }

    private URLClassLoader providers(Class<?>... implementations) throws IOException {
        Path file = services.resolve("META-INF/services/" + TextToSpeech.class.getName());
        Files.createDirectories(file.getParent());
        StringBuilder lines = new StringBuilder();
        for (Class<?> implementation : implementations) {
            lines.append(implementation.getName()).append('\n');
        }
        Files.writeString(file, lines);
        return new URLClassLoader(new java.net.URL[] {services.toUri().toURL()}, getClass().getClassLoader());
    }

    /** A TextToSpeech that speaks nothing, named after the way it was found. */
    abstract static class NamedTts implements TextToSpeech {
        @Override
        public AudioFormat outputFormat() {
            return AudioFormat.PCM16_16K;
        }

        @Override
        public Synthesis synthesize(String text, String voice, SynthesisListener listener) {
            listener.completed();
            return () -> { };
        }
    }

    public static class ProvidedTts extends NamedTts {
        @Override
        public String name() {
            return "provided";
        }
    }

    public static class OtherProvidedTts extends NamedTts {
        @Override
        public String name() {
            return "other";
        }
    }

    /** Not annotated: only the test's synthetic archive makes it a bean, never a container that scans test classes. */
    public static class CdiTts extends NamedTts {
        @Override
        public String name() {
            return "cdi";
        }
    }

    public static class OtherCdiTts extends NamedTts {
        @Override
        public String name() {
            return "other-cdi";
        }
    }
}
