package dev.parley.runtime.speech.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.speech.SpeechEngineException;
import dev.parley.runtime.speech.tts.FliteTextToSpeechTest.Collector;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EspeakTextToSpeechTest {

    static EspeakTextToSpeech espeak;

    @BeforeAll
    static void start() {
        espeak = new EspeakTextToSpeech("espeak-ng", "en-us", 100);
    }

    @AfterAll
    static void stop() {
        espeak.close();
    }

    @Test
    void streamsChunksAtTwentyTwoKilohertz() throws Exception {
        assertEquals(AudioFormat.pcm16(22_050), espeak.outputFormat());
        Collector audio = new Collector(0);
        long t0 = System.nanoTime();
        espeak.synthesize(FliteTextToSpeechTest.LONG_TEXT, null, audio);
        assertTrue(audio.done.await(20, TimeUnit.SECONDS));
        double total = (System.nanoTime() - t0) / 1e9;
        double seconds = audio.bytes.size() / 44_100.0;
        System.out.printf("[measure] espeak-ng: %.1f s of speech, first chunk after %.0f ms, all after %.0f ms: %.0fx real time%n",
                seconds, (audio.firstChunkNanos - t0) / 1e6, total * 1000, seconds / total);
        assertTrue(audio.completed);
        assertTrue(audio.chunks.size() > 10);
        for (AudioFrame chunk : audio.chunks) {
            assertEquals(AudioFormat.pcm16(22_050), chunk.format());
        }
    }

    @Test
    void cancelStopsIt() throws Exception {
        Collector audio = new Collector(10);
        SubprocessTextToSpeech.Run run = (SubprocessTextToSpeech.Run) espeak.synthesize(FliteTextToSpeechTest.LONG_TEXT, "en-gb", audio);
        assertTrue(audio.firstChunk.await(10, TimeUnit.SECONDS));
        run.cancel();
        int delivered = audio.chunks.size();
        run.processHandle().orElseThrow().onExit().get(5, TimeUnit.SECONDS);
        Thread.sleep(150);
        assertEquals(delivered, audio.chunks.size());
        assertFalse(audio.completed);
    }

    @Test
    void aTextLongerThanAPipeBufferStillStreams() throws Exception {
        Collector audio = new Collector(0);
        String text = FliteTextToSpeechTest.LONG_TEXT.repeat(100); // about 70 kB: more than a pipe holds
        SubprocessTextToSpeech.Run run = (SubprocessTextToSpeech.Run) espeak.synthesize(text, null, audio);
        assertTrue(audio.firstChunk.await(10, TimeUnit.SECONDS), "no deadlock between writing text and reading audio");
        run.cancel();
        run.processHandle().orElseThrow().onExit().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMissingExecutableSaysHowToInstallIt() {
        SpeechEngineException e = assertThrows(SpeechEngineException.class,
                () -> new EspeakTextToSpeech("/nonexistent/espeak-ng", "en-us", 100));
        assertTrue(e.getMessage().contains("apt-get install espeak-ng") && e.getMessage().contains("parley.tts=flite"),
                e.getMessage());
    }

    @Test
    void listsItsVoices() {
        assertTrue(espeak.voices().containsAll(java.util.List.of("en-us", "en-gb", "fr-fr")), "en-us, en-gb, fr-fr");
    }
}
