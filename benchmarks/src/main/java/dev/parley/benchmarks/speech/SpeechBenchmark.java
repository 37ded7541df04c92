package dev.parley.benchmarks.speech;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Recognition;
import dev.parley.api.spi.RecognitionListener;
import dev.parley.api.spi.RecognitionStream;
import dev.parley.api.spi.Synthesis;
import dev.parley.api.spi.SynthesisListener;
import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.audio.WavReader;
import dev.parley.runtime.speech.stt.VoskSpeechToText;
import dev.parley.runtime.speech.tts.FliteTextToSpeech;
import dev.parley.runtime.speech.vad.WebRtcVad;
import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The speech pipeline's costs, measured (not asserted): end of user speech to the first byte of the spoken reply
 * over XUNA with the concierge, the recognizer's and synthesizer's real-time factors, and VAD cost per frame.
 * Usage: {@code SpeechBenchmark <vosk model dir> [rounds]}.
 */
public final class SpeechBenchmark {
    private static final String QUESTION = "what are your opening hours";
    private static final int CHUNK_MS = 32;

    private SpeechBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        short[] question = flite(QUESTION);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        vad(question);
        stt(model, question);
        tts();
        endToEnd(model, question, rounds);
    }

    private static void vad(short[] speech) {
        WebRtcVad vad = new WebRtcVad(16_000, 30, WebRtcVad.DEFAULT_MODE);
        int frame = vad.frameSamples();
        List<Double> perFrameMicros = new ArrayList<>();
        try (VoiceActivityStream stream = vad.open()) {
            for (int run = 0; run < 7; run++) {
                long start = System.nanoTime();
                int frames = 0;
                for (int repeat = 0; repeat < 50; repeat++) {
                    for (int offset = 0; offset + frame <= speech.length; offset += frame) {
                        stream.speechProbability(Arrays.copyOfRange(speech, offset, offset + frame));
                        frames++;
                    }
                }
                perFrameMicros.add((System.nanoTime() - start) / 1000.0 / frames);
            }
        }
        System.out.printf(Locale.ROOT, "VAD (WebRTC, 30 ms frames): median %.1f us per frame (includes the frame copy)%n",
                median(perFrameMicros));
    }

    private static void stt(Path model, short[] speech) throws Exception {
        VoskSpeechToText vosk = new VoskSpeechToText(model, 16_000, 1, 200);
        double seconds = speech.length / 16_000.0;
        List<Double> factors = new ArrayList<>();
        String text = "";
        for (int run = 0; run < 5; run++) {
            CompletableFuture<Recognition> result = new CompletableFuture<>();
            long start = System.nanoTime();
            try (RecognitionStream stream = vosk.open(listener(result))) {
                stream.accept(new AudioFrame(AudioFormat.PCM16_16K, bytes(speech)));
                stream.endTurn();
                text = result.get(30, TimeUnit.SECONDS).text();
            }
            factors.add(seconds / ((System.nanoTime() - start) / 1e9));
        }
        vosk.close();
        System.out.printf(Locale.ROOT, "STT (Vosk, %.2f s sentence): median %.1fx real time; heard \"%s\"%n",
                seconds, median(factors), text);
    }

    private static void tts() throws Exception {
        FliteTextToSpeech flite = new FliteTextToSpeech("flite", "slt", 100);
        String reply = "We are open Monday to Friday from 9 am to 6 pm, and on Saturday from 10 am to 4 pm.";
        List<Double> factors = new ArrayList<>();
        List<Double> firstChunkMs = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            long start = System.nanoTime();
            long[] firstAndBytes = {0, 0};
            Synthesis synthesis = flite.synthesize(reply, null, new SynthesisListener() {
                @Override
                public void audio(AudioFrame chunk) {
                    if (firstAndBytes[0] == 0) {
                        firstAndBytes[0] = System.nanoTime();
                    }
                    firstAndBytes[1] += chunk.data().length;
                }

                @Override
                public void completed() {
                    done.complete(null);
                }

                @Override
                public void failed(Exception failure) {
                    done.completeExceptionally(failure);
                }
            });
            done.get(30, TimeUnit.SECONDS);
            double seconds = firstAndBytes[1] / (double) flite.outputFormat().bytesPerSecond();
            factors.add(seconds / ((System.nanoTime() - start) / 1e9));
            firstChunkMs.add((firstAndBytes[0] - start) / 1e6);
            synthesis.cancel();
        }
        System.out.printf(Locale.ROOT, "TTS (flite slt): median %.1fx real time, first chunk after %.0f ms (median)%n",
                median(factors), median(firstChunkMs));
    }

    /** A new conversation per round: stream the question in real time, time from its last spoken sample to reply audio. */
    private static void endToEnd(Path model, short[] question, int rounds) throws Exception {
        System.setProperty("parley.stt.vosk.model", model.toString());
        List<Double> latencies = new ArrayList<>();
        try (ParleyServer server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, Map.of()))) {
            HttpClient http = HttpClient.newHttpClient();
            for (int round = 0; round < rounds; round++) {
                latencies.add(oneRound(http, server.port(), question));
            }
        }
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "End of user speech -> first reply audio byte (%d rounds, includes the %d ms "
                + "end-of-turn silence): median %.0f ms, p95 %.0f ms%n", rounds, 600, median(latencies),
                latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.95) - 1)));
    }

    private static double oneRound(HttpClient http, int port, short[] question) throws Exception {
        Listener events = new Listener();
        WebSocket socket = http.newWebSocketBuilder().subprotocols("convai")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/convai/conversation?agent_id=concierge"), events)
                .get(10, TimeUnit.SECONDS);
        send(socket, "{\"type\":\"conversation_initiation_client_data\"}");
        events.greetingDone.get(30, TimeUnit.SECONDS);
        Thread.sleep(4_000); // let the spoken greeting play out, so the question does not interrupt it
        byte[] speech = bytes(question);
        byte[] silence = new byte[16_000 * 2 * 2];
        long speechEnd = stream(socket, speech, System.nanoTime());
        events.replyStarted(speechEnd);
        stream(socket, silence, speechEnd);
        double latencyMs = events.firstReplyAudio.get(30, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        return latencyMs;
    }

    /** The JDK client allows one send in flight: audio and pongs take turns here. */
    private static void send(WebSocket socket, String frame) {
        synchronized (socket) {
            socket.sendText(frame, true).join();
        }
    }

    /** Sends 32 ms chunks at their real-time moments from {@code start}; returns when the last one was due. */
    private static long stream(WebSocket socket, byte[] audio, long start) {
        int chunkBytes = 32 * CHUNK_MS;
        long due = start;
        for (int offset = 0; offset < audio.length; offset += chunkBytes) {
            byte[] piece = Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + chunkBytes));
            send(socket, "{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(piece) + "\"}");
            due += TimeUnit.MILLISECONDS.toNanos(CHUNK_MS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        return due;
    }

    /** Watches the conversation for the end of the greeting and the first audio of the reply. */
    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<Void> greetingDone = new CompletableFuture<>();
        final CompletableFuture<Double> firstReplyAudio = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile long speechEnd;
        private volatile long userTurnId = -1;

        void replyStarted(long speechEndNanos) {
            speechEnd = speechEndNanos;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"agent_response\"") && !greetingDone.isDone()) {
                    greetingDone.complete(null);
                } else if (frame.contains("\"user_transcript\"")) {
                    userTurnId = eventId(frame);
                } else if (frame.contains("\"type\":\"audio\"") && userTurnId >= 0 && eventId(frame) > userTurnId) {
                    firstReplyAudio.complete((System.nanoTime() - speechEnd) / 1e6);
                } else if (frame.contains("\"type\":\"ping\"")) {
                    send(socket, "{\"type\":\"pong\",\"event_id\":" + eventId(frame) + "}");
                }
            }
            socket.request(1);
            return null;
        }

        private static long eventId(String frame) {
            int at = frame.lastIndexOf("\"event_id\":") + 11;
            int end = at;
            while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
                end++;
            }
            return Long.parseLong(frame.substring(at, end));
        }
    }

    private static RecognitionListener listener(CompletableFuture<Recognition> result) {
        return new RecognitionListener() {
            @Override
            public void partial(String text) {
            }

            @Override
            public void completed(Recognition recognition) {
                result.complete(recognition);
            }

            @Override
            public void failed(Exception failure) {
                result.completeExceptionally(failure);
            }
        };
    }

    private static short[] flite(String text) throws Exception {
        Path wav = Files.createTempFile("parley-bench", ".wav");
        Process process = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("flite failed");
        }
        AudioFrame frame = WavReader.read(Files.readAllBytes(wav));
        Files.delete(wav);
        byte[] data = frame.data();
        short[] samples = new short[data.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((data[2 * i] & 0xFF) | (data[2 * i + 1] << 8));
        }
        return samples;
    }

    private static byte[] bytes(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
