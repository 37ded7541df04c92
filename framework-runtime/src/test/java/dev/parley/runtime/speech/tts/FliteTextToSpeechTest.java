package dev.parley.runtime.speech.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Synthesis;
import dev.parley.api.spi.SynthesisListener;
import dev.parley.runtime.speech.SpeechEngineException;
import dev.parley.runtime.speech.SpeechSamples;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FliteTextToSpeechTest {

    static final String TEXT = "What are your opening hours? We open at nine in the morning and close at six.";
    static final String LONG_TEXT = ("We open at nine in the morning and close at six in the evening, every day except "
            + "Sunday, when we open at ten. ").repeat(6);

    static FliteTextToSpeech flite;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        flite = new FliteTextToSpeech("flite", "slt", 100);
        System.out.printf("[measure] flite engine start %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    }

    @AfterAll
    static void stop() {
        flite.close();
    }

    @Test
    void streamsChunksOfSixteenKilohertzSpeech() throws Exception {
        assertEquals(AudioFormat.PCM16_16K, flite.outputFormat());
        assertEquals("flite", flite.name());
        Collector audio = null;
        double[] firstChunkMillis = new double[5];
        double[] totalMillis = new double[5];
        for (int i = 0; i < 5; i++) { // the first run pays for thread and process start-up; report the median
            audio = new Collector(0);
            long t0 = System.nanoTime();
            flite.synthesize(TEXT, null, audio);
            assertTrue(audio.done.await(10, TimeUnit.SECONDS));
            totalMillis[i] = (System.nanoTime() - t0) / 1e6;
            firstChunkMillis[i] = (audio.firstChunkNanos - t0) / 1e6;
        }
        java.util.Arrays.sort(firstChunkMillis);
        java.util.Arrays.sort(totalMillis);
        double seconds = audio.bytes.size() / 32_000.0;
        System.out.printf("[measure] flite: %.2f s of speech, first chunk after %.0f ms, all after %.0f ms (medians of 5):"
                + " %.0fx real time, %d chunks%n", seconds, firstChunkMillis[2], totalMillis[2],
                seconds * 1000 / totalMillis[2], audio.chunks.size());

        assertTrue(audio.completed && audio.failure == null);
        assertTrue(audio.chunks.size() > 5, "streamed in chunks: " + audio.chunks.size());
        for (AudioFrame chunk : audio.chunks) {
            assertEquals(AudioFormat.PCM16_16K, chunk.format());
            assertTrue(chunk.durationMillis() <= 100, chunk.toString());
        }
        int words = TEXT.split("\\s+").length; // 15 words; people speak 2 to 4 words a second
        assertTrue(seconds > words / 5.0 && seconds < words / 1.5, "duration " + seconds + " s for " + words + " words");
        short[] samples = SpeechSamples.shorts(audio.bytes.toByteArray());
        assertTrue(SpeechSamples.dbfs(samples) > -35, "it is loud enough to be speech: " + SpeechSamples.dbfs(samples));
    }

    @Test
    void cancelMidwayStopsTheAudioAndTheProcess() throws Exception {
        Collector audio = new Collector(15); // a slow consumer, so the cancel lands while chunks are flowing
        SubprocessTextToSpeech.Run run = (SubprocessTextToSpeech.Run) flite.synthesize(LONG_TEXT, null, audio);
        assertTrue(audio.firstChunk.await(10, TimeUnit.SECONDS));
        Thread.sleep(60);
        run.cancel();
        int delivered = audio.chunks.size();
        var process = run.processHandle().orElseThrow();
        process.onExit().get(5, TimeUnit.SECONDS);
        assertFalse(process.isAlive());
        Thread.sleep(200);
        assertEquals(delivered, audio.chunks.size(), "no chunk after cancel() returned");
        assertTrue(delivered > 1 && delivered < 100, "cancelled midway: " + delivered + " chunks");
        assertFalse(audio.completed);
        assertNull(audio.failure);
        run.cancel(); // idempotent
    }

    @Test
    void cancelWhileSynthesizingDeliversNothing() throws Exception {
        Collector audio = new Collector(0);
        SubprocessTextToSpeech.Run run = (SubprocessTextToSpeech.Run) flite.synthesize(LONG_TEXT.repeat(3), null, audio);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (run.processHandle().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        run.cancel();
        run.processHandle().orElseThrow().onExit().get(5, TimeUnit.SECONDS);
        Thread.sleep(100);
        assertTrue(audio.chunks.isEmpty() && !audio.completed && audio.failure == null);
    }

    @Test
    void synthesesRunConcurrently() throws Exception {
        List<Collector> collectors = new ArrayList<>();
        for (String text : List.of("Good morning.", "We open at nine.", "Thank you for calling.")) {
            Collector c = new Collector(0);
            collectors.add(c);
            flite.synthesize(text, null, c);
        }
        for (Collector c : collectors) {
            assertTrue(c.done.await(10, TimeUnit.SECONDS));
            assertTrue(c.completed && c.bytes.size() > 16_000, "some speech: " + c.bytes.size());
        }
        assertFalse(java.util.Arrays.equals(collectors.get(0).bytes.toByteArray(), collectors.get(1).bytes.toByteArray()));
    }

    @Test
    void voicesTheEngineCannotUseFallBackToTheDefault() throws Exception {
        byte[] slt = speak("Hello.", null);
        assertArrayEquals(slt, speak("Hello.", "rachel"), "an unknown (vendor) voice id");
        assertArrayEquals(slt, speak("Hello.", "kal"), "an 8 kHz voice");
        assertArrayEquals(slt, speak("Hello.", "http://example.invalid/voice.flitevox"), "never passed to flite");
        byte[] kal16 = speak("Hello.", "kal16");
        assertFalse(java.util.Arrays.equals(slt, kal16), "a voice flite has");
        assertTrue(flite.voices().containsAll(List.of("slt", "kal16", "rms", "awb")), flite.voices().toString());
    }

    @Test
    void oddTextIsSpokenLiterally() throws Exception {
        assertTrue(speak("-o /tmp/x.wav", null).length > 8_000);
        assertTrue(speak("\"Quotes\", 'apostrophes' & $HOME; `ls`\0", null).length > 8_000);
    }

    @Test
    void aMissingExecutableFailsAtStartupWithInstructions() {
        SpeechEngineException e = assertThrows(SpeechEngineException.class,
                () -> new FliteTextToSpeech("/nonexistent/bin/flite", "slt", 100));
        assertTrue(e.getMessage().contains("/nonexistent/bin/flite"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install flite"), e.getMessage());
        assertTrue(e.getMessage().contains("parley.tts.flite.command"), e.getMessage());
        assertTrue(e.getMessage().contains("parley.tts=espeak") && e.getMessage().contains("CDI"), e.getMessage());
    }

    @Test
    void anUnknownDefaultVoiceFailsAtStartup() {
        SpeechEngineException e = assertThrows(SpeechEngineException.class, () -> new FliteTextToSpeech("flite", "nobody", 100));
        assertTrue(e.getMessage().contains("nobody") && e.getMessage().contains("slt"), e.getMessage());
    }

    @Test
    void aClosedEngineRefusesNewSyntheses() {
        FliteTextToSpeech engine = new FliteTextToSpeech("flite", "slt", 100);
        engine.close();
        assertThrows(IllegalStateException.class, () -> engine.synthesize("Hello.", null, new Collector(0)));
    }

    static byte[] speak(String text, String voice) throws InterruptedException {
        Collector c = new Collector(0);
        flite.synthesize(text, voice, c);
        assertTrue(c.done.await(10, TimeUnit.SECONDS));
        assertTrue(c.completed, "failed: " + c.failure);
        return c.bytes.toByteArray();
    }

    static final class Collector implements SynthesisListener {
        final List<AudioFrame> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch firstChunk = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final long delayMillis;
        volatile long firstChunkNanos;
        volatile boolean completed;
        volatile Exception failure;

        Collector(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public void audio(AudioFrame chunk) {
            if (chunks.isEmpty()) {
                firstChunkNanos = System.nanoTime();
            }
            chunks.add(chunk);
            synchronized (bytes) {
                bytes.writeBytes(chunk.data());
            }
            firstChunk.countDown();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void completed() {
            completed = true;
            done.countDown();
        }

        @Override
        public void failed(Exception e) {
            failure = e;
            done.countDown();
        }
    }
}
