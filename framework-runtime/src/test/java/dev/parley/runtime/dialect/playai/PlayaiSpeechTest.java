package dev.parley.runtime.dialect.playai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.MuLawCodec;
import dev.parley.runtime.audio.Pcm16Codec;
import dev.parley.runtime.audio.decoding.Mp3StreamDecoder;
import dev.parley.runtime.speech.SpeechSamples;
import dev.parley.runtime.speech.Transcriber;
import dev.parley.runtime.speech.pipeline.SpeechServices;
import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.StorytellerAgent;
import dev.parley.runtime.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spoken PlayAI conversations with the embedded engines, as the published SDK holds them: mu-law 16 kHz in 1536-byte
 * frames every 96 ms, MP3 out. The user's words come back as {@code onUserTranscript} between the voice-activity events,
 * and the reply's MP3, decoded and recognized, says the reply.
 */
@Tag("slow")
class PlayaiSpeechTest {
    static final String QUESTION = "what are your opening hours";
    private static final int SDK_FRAME = 1536;

    @RegisterExtension
    static final TestServer SERVER = TestServer.withSpeech();

    private static SpeechServices speech() {
        SpeechServices speech = SERVER.server().runtime().speech();
        assumeTrue(speech.canListen() && speech.canSpeak(), "the runtime has no speech engines");
        return speech;
    }

    /** {@code text} spoken by flite, then silence so the turn ends, as the SDK's mu-law at 16 kHz. */
    static byte[] sdkAudio(String text) {
        short[] pcm = SpeechSamples.concat(SpeechSamples.flite(text, "slt"), SpeechSamples.silence(1.2, 16_000));
        byte[] mulaw = new byte[pcm.length];
        MuLawCodec.encode(pcm, 0, mulaw, 0, pcm.length);
        return mulaw;
    }

    /** Sends {@code pieces} one every {@code periodMillis}, as a live microphone would. */
    static void streamRealTime(PlayaiTestClient client, List<byte[]> pieces, long periodMillis) {
        long start = System.nanoTime();
        for (int i = 0; i < pieces.size(); i++) {
            client.audioIn(pieces.get(i));
            LockSupport.parkNanos(start + (i + 1) * periodMillis * 1_000_000 - System.nanoTime());
        }
    }

    static List<byte[]> sdkFrames(byte[] mulaw) {
        List<byte[]> frames = new ArrayList<>();
        for (int offset = 0; offset < mulaw.length; offset += SDK_FRAME) {
            frames.add(Arrays.copyOfRange(mulaw, offset, Math.min(mulaw.length, offset + SDK_FRAME)));
        }
        return frames;
    }

    /** Waits for the user's turn and the reply (no agent audio may be pending); returns what the reply's MP3 says. */
    static String heardReply(PlayaiTestClient client, SpeechServices speech) throws Exception {
        client.frames().skipTo("voiceActivityStart");
        client.frames().skipTo("voiceActivityEnd");
        assertEquals(QUESTION, client.frames().skipTo("onUserTranscript").path("message").asText());
        JsonNode transcript = client.frames().skipTo("onAgentTranscript");
        assertEquals("You said: " + QUESTION, transcript.path("message").asText());
        byte[] mp3 = client.responseAudio();
        Mp3StreamDecoder decoder = new Mp3StreamDecoder();
        short[] pcm = decoder.decode(mp3);
        assertEquals(44_100, decoder.sampleRate());
        assertTrue(pcm.length > 44_100, "at least a second of reply audio, got " + pcm.length + " samples");
        return Transcriber.transcribe(speech.stt(), new AudioFrame(AudioFormat.pcm16(44_100), Pcm16Codec.fromShorts(pcm)));
    }

    /** The pieces Chromium's MediaRecorder cut (250 ms timeslices) of flite's question (test resources audio/). */
    static List<byte[]> mediaRecorderChunks() throws Exception {
        try (var in = PlayaiSpeechTest.class.getResourceAsStream("/audio/recording-chunks.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(line -> Base64.getDecoder().decode(line.strip())).toList();
        }
    }

    @Test
    void talkingOverTheAgentCutsItsAudioAtOnceAndTheAgentHearsWhatWasHeard() throws Exception {
        speech();
        Recorder recorder = SERVER.recorder();
        recorder.drain();
        try (PlayaiTestClient client = PlayaiTestClient.connectInOrder(SERVER.port(), "storyteller")) {
            client.send(PlayaiTestClient.SDK_SETUP);
            client.await("init");
            client.frames().skipTo("onAgentGreetingEnd");
            streamRealTime(client, sdkFrames(sdkAudio("tell me a story")), 96);
            assertEquals(StorytellerAgent.STORY, client.frames().skipTo("onAgentTranscript").path("message").asText());
            client.frames().skipTo("audioStream");

            CompletableFuture<Void> talking = CompletableFuture.runAsync(
                    () -> streamRealTime(client, sdkFrames(sdkAudio(QUESTION)), 96));
            String heard = client.frames().skipTo("onAgentInterrupted").path("updatedMessage").asText();
            // how much was heard depends on when the detector let the user's speech count: at least the first words
            assertTrue(heard.startsWith("Once upon") && StorytellerAgent.STORY.startsWith(heard), heard);
            assertTrue(recorder.await("told:").endsWith(":" + heard), "the agent hears what the user heard");
            for (JsonNode frame = client.frames().next(); !frame.path("type").asText().equals("newAudioStream");
                    frame = client.frames().next()) {
                assertFalse(frame.path("type").asText().startsWith("audioStream"), "story audio after the cut: " + frame);
            }
            talking.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWebmOpusRecordingStreamedAsAMediaRecorderCutsItIsHeard() throws Exception {
        SpeechServices speech = speech();
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "storyteller",
                "{\"type\":\"setup\",\"outputFormat\":\"mp3\"}")) {
            client.frames().skipTo("onAgentGreetingEnd");
            client.audio().drain();
            streamRealTime(client, mediaRecorderChunks(), 250);
            String heard = heardReply(client, speech);
            assertTrue(heard.contains("said") && heard.contains("opening hours"), () -> "the reply audio says: " + heard);
        }
    }

    @Test
    void aSpokenQuestionInMuLawIsAnsweredInMp3ThatSaysTheReply() throws Exception {
        SpeechServices speech = speech();
        try (PlayaiTestClient client = PlayaiTestClient.started(SERVER.port(), "storyteller", PlayaiTestClient.SDK_SETUP)) {
            assertEquals("Hi there", client.message("onAgentGreeting"));
            client.await("newAudioStream");
            client.await("audioStreamStart");
            JsonNode end = client.await("audioStreamEnd");
            assertEquals("Hi there", end.path("message").asText());
            assertTrue(end.path("jobId").isNumber(), end::toString);
            assertEquals("Hi there", client.message("onAgentGreetingEnd"));
            client.audio().drain();
            streamRealTime(client, sdkFrames(sdkAudio(QUESTION)), 96);
            String heard = heardReply(client, speech);
            assertTrue(heard.contains("said") && heard.contains("opening hours"), () -> "the reply audio says: " + heard);
        }
    }
}
