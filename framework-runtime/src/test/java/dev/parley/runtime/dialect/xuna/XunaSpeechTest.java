package dev.parley.runtime.dialect.xuna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.runtime.audio.MuLawCodec;
import dev.parley.runtime.speech.SpeechSamples;
import dev.parley.runtime.speech.stt.VoskSpeechToText;
import dev.parley.runtime.testing.Recorder;
import dev.parley.runtime.testing.StorytellerAgent;
import dev.parley.runtime.testing.TestServer;
import dev.parley.runtime.testing.XunaTestClient;
import dev.parley.runtime.speech.Transcriber;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spoken XUNA conversations with the embedded engines: flite speech streamed in real time as user_audio_chunks is
 * recognized by Vosk, the agent's reply is spoken by flite, and the audio that comes back is itself transcribed.
 */
@Tag("slow")
class XunaSpeechTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.withSpeech();
    private static final int CHUNK_MS = 32;
    private static VoskSpeechToText listener;

    private Recorder recorder;

    @BeforeAll
    static void ears() {
        listener = new VoskSpeechToText(Path.of(System.getProperty("parley.stt.vosk.model")), 16_000, 1, 200);
    }

    @AfterAll
    static void closeEars() {
        listener.close();
    }

    @BeforeEach
    void freshRecorder() {
        recorder = SERVER.recorder();
        recorder.drain();
    }

    @Test
    void spokenQuestionIsTranscribedAndTheSpokenReplyCarriesItsWords() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "storyteller")) {
            assertEquals("Hi there", client.agentResponse());
            streamRealTime(client, speech("what are your opening hours"), AudioFormat.PCM16_16K);

            List<JsonNode> heard = client.collectUntil(frame -> type(frame).equals("user_transcript"), 15);
            assertTrue(heard.stream().anyMatch(frame -> type(frame).equals("tentative_user_transcript")),
                    "partial transcripts arrive before the final one");
            String said = text(heard.get(heard.size() - 1).path("user_transcription_event").path("user_transcript"));
            assertTrue(said.contains("opening hours"), said);

            JsonNode response = client.skipTo("agent_response").path("agent_response_event");
            assertEquals("You said: " + said, response.path("agent_response").asText().toLowerCase(Locale.ROOT)
                    .replace("you said", "You said"));
            byte[] reply = audioOf(client, response.path("event_id").asLong());
            String spoken = transcribe(reply, 16_000);
            assertTrue(spoken.contains("said") && spoken.contains("opening"), () -> "the reply audio says: " + spoken);
        }
    }

    @Test
    void muLawAt8kHzIsHeardToo() throws Exception {
        try (XunaTestClient client = XunaTestClient.connect(SERVER.port(), "agent_id=storyteller")) {
            client.send("{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
                    + "{\"asr\":{\"user_input_audio_format\":\"ulaw_8000\"}}}");
            JsonNode metadata = client.await("conversation_initiation_metadata").path("conversation_initiation_metadata_event");
            assertEquals("ulaw_8000", metadata.path("user_input_audio_format").asText());
            client.agentResponse();
            short[] at8k = SpeechSamples.resample(SpeechSamples.flite("what are your opening hours", "slt"), 16_000, 8_000);
            short[] padded = SpeechSamples.concat(at8k, SpeechSamples.silence(1.2, 8_000));
            byte[] mulaw = new byte[padded.length];
            MuLawCodec.encode(padded, 0, mulaw, 0, padded.length);
            streamRealTime(client, mulaw, new AudioFormat(AudioFormat.Encoding.MULAW, 8_000, 1));
            List<JsonNode> heard = client.collectUntil(frame -> type(frame).equals("user_transcript"), 15);
            String said = text(heard.get(heard.size() - 1).path("user_transcription_event").path("user_transcript"));
            assertTrue(said.contains("opening hours"), said);
        }
    }

    @Test
    void talkingOverTheAgentStopsItAtOnceAndItHearsWhatWasSaid() throws Exception {
        try (XunaTestClient client = XunaTestClient.initiated(SERVER.port(), "storyteller")) {
            client.agentResponse();
            client.collectQuietFor(1_500, 10); // let the greeting play out: talking over it would interrupt it
            recorder.drain();
            streamRealTime(client, speech("tell me a story"), AudioFormat.PCM16_16K);
            JsonNode story = client.skipTo("agent_response").path("agent_response_event");
            assertEquals(StorytellerAgent.STORY, story.path("agent_response").asText());
            long storyId = story.path("event_id").asLong();
            client.collectUntil(frame -> type(frame).equals("audio")
                    && frame.path("audio_event").path("event_id").asLong() == storyId, 10);

            CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> streamRealTime(client,
                    speech("what are your opening hours"), AudioFormat.PCM16_16K));
            List<JsonNode> untilCut = client.collectUntil(frame -> type(frame).equals("interruption"), 15);
            JsonNode interruption = untilCut.get(untilCut.size() - 1);
            assertEquals(storyId + 1, interruption.path("interruption_event").path("event_id").asLong());

            String event = recorder.await("told:" + storyId + ":");
            String heardText = event.substring(("told:" + storyId + ":").length());
            assertFalse(heardText.isBlank(), "some of the story was heard before the interruption");
            assertTrue(StorytellerAgent.STORY.startsWith(heardText), () -> "heard text is a prefix: " + heardText);
            assertTrue(heardText.length() < StorytellerAgent.STORY.length() / 2, () -> "cut early: " + heardText);

            talking.get(20, TimeUnit.SECONDS);
            List<JsonNode> after = client.collectUntil(frame -> type(frame).equals("agent_response"), 15);
            for (JsonNode frame : after) {
                assertNotEquals(storyId, frame.path("audio_event").path("event_id").asLong(-1),
                        () -> "audio of the interrupted story after the interruption: " + frame);
            }
            JsonNode correction = after.stream().filter(f -> type(f).equals("agent_response_correction")).findFirst()
                    .orElseThrow(() -> new AssertionError("no agent_response_correction in " + after));
            assertEquals(heardText, correction.path("agent_response_correction_event").path("corrected_agent_response").asText());
        }
    }

    // ---- helpers ----

    /** {@code text} spoken by flite at 16 kHz, with a pause after it so the turn ends. */
    private static byte[] speech(String text) {
        return SpeechSamples.bytes(SpeechSamples.concat(SpeechSamples.flite(text, "slt"), SpeechSamples.silence(1.2, 16_000)));
    }

    /** Sends {@code audio} as user_audio_chunks of 32 ms, each at its real-time moment. */
    private static void streamRealTime(XunaTestClient client, byte[] audio, AudioFormat format) {
        int chunkBytes = format.bytesPerSecond() * CHUNK_MS / 1000;
        long start = System.nanoTime();
        for (int offset = 0, chunk = 0; offset < audio.length; offset += chunkBytes, chunk++) {
            byte[] piece = java.util.Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + chunkBytes));
            client.send("{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(piece) + "\"}");
            long due = start + TimeUnit.MILLISECONDS.toNanos((long) (chunk + 1) * CHUNK_MS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    /** The audio of response {@code eventId}, until 1.5 s pass without more of it. */
    private static byte[] audioOf(XunaTestClient client, long eventId) throws InterruptedException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        for (JsonNode frame : client.collectQuietFor(1_500, 20)) {
            if (type(frame).equals("audio") && frame.path("audio_event").path("event_id").asLong() == eventId) {
                audio.writeBytes(Base64.getDecoder().decode(frame.path("audio_event").path("audio_base_64").asText()));
            }
        }
        assertTrue(audio.size() > 16_000, () -> "at least half a second of reply audio, got " + audio.size() + " bytes");
        return audio.toByteArray();
    }

    /** What Vosk hears in PCM16 {@code audio}. */
    private static String transcribe(byte[] audio, int rate) throws Exception {
        return Transcriber.transcribe(listener, new AudioFrame(AudioFormat.pcm16(rate), audio));
    }

    private static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    private static String text(JsonNode node) {
        return text(node.asText());
    }

    private static String text(String words) {
        return words.toLowerCase(Locale.ROOT).strip();
    }
}
