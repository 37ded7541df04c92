package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.testing.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole NextEVI conversations with the test agents, over real WebSockets, message by message. */
class NexteviConversationTest {
    @RegisterExtension
    static final NexteviServer SERVER = new NexteviServer(Map.of("parley.nextevi.emotion-detector", "none"));

    private Recorder recorder;

    @BeforeEach
    void freshRecorder() {
        recorder = SERVER.recorder();
        recorder.drain();
    }

    @Test
    void connectionMetadataComesFirstWithTheConnectionAndConfig() {
        String connectionId = NexteviTestClient.sdkConnectionId();
        try (NexteviTestClient client = NexteviTestClient.connect(SERVER.port(), connectionId,
                "api_key=" + NexteviServer.API_KEY + "&config_id=scripted&project_id=project-123", Map.of())) {
            JsonNode metadata = client.await("connection_metadata");
            assertEquals(connectionId, metadata.path("connection_id").asText());
            assertEquals("connected", metadata.path("status").asText());
            assertEquals("project-123", metadata.path("project_id").asText());
            assertEquals("scripted", metadata.path("config_id").asText());
            assertEquals("{\"audio_format\":\"pcm_24khz_16bit_mono\",\"encoding\":\"linear16\",\"sample_rate\":24000,\"channels\":1}",
                    metadata.path("config").toString());
        }
    }

    @Test
    void sdkSettingsAreEchoedAsReadyThenTheGreetingStreams() {
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            client.send(NexteviTestClient.SDK_SETTINGS);
            JsonNode ready = client.awaitStatus("ready").path("details");
            assertEquals("{\"sample_rate\":24000,\"channels\":1,\"encoding\":\"linear16\"}", ready.path("session_settings").toString());
            assertTrue(ready.path("conversation_id").asText().startsWith("conv_"), ready::toString);
            String generation = client.awaitStatus("processing").path("details").path("generation_id").asText();
            JsonNode chunk = client.await("llm_response_chunk");
            assertEquals(List.of("Hi there", "Hi there", "false", "0", generation),
                    List.of(chunk.path("content").asText(), chunk.path("delta").asText(), chunk.path("is_final").asText(),
                            chunk.path("chunk_index").asText(), chunk.path("generation_id").asText()));
            JsonNode last = client.await("llm_response_chunk");
            assertEquals(List.of("Hi there", "true", "1", generation), List.of(last.path("content").asText(),
                    last.path("is_final").asText(), last.path("chunk_index").asText(), last.path("generation_id").asText()));
            client.awaitStatus("ready");
        }
    }

    @Test
    void nestedSettingsOfTheReferenceSetTheInputFormat() {
        byte[] pcm16k = new byte[640]; // 20 ms at 16 kHz
        pcm16k[0] = 9;
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            client.send("{\"type\":\"session_settings\",\"timestamp\":1645123456.789,\"message_id\":\"settings-1\",\"data\":{"
                    + "\"turn_detection\":{\"enabled\":true,\"silence_threshold\":0.5},"
                    + "\"audio\":{\"sample_rate\":16000,\"channels\":1,\"encoding\":\"linear16\"}}}");
            assertEquals(16_000, client.awaitStatus("ready").path("details").path("session_settings").path("sample_rate").asInt());
            client.agentResponse();
            client.sendBinary(pcm16k);
            byte[] echoed = Base64.getDecoder().decode(client.nextAudio().path("content").asText());
            assertEquals(960, echoed.length, "the agent's echo comes back as 20 ms at 24 kHz");
        }
    }

    @Test
    void theClientsSilenceThresholdBecomesTheSessionsEndOfTurnSilence() {
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            client.send("{\"type\":\"session_settings\",\"data\":{\"turn_detection\":{\"enabled\":true,"
                    + "\"silence_threshold\":0.35}}}");
            client.awaitStatus("ready");
            client.agentResponse();
            client.textInput("silence");
            assertEquals("silence 350", client.agentResponse());
        }
    }

    @Test
    void withoutSettingsTheSessionStartsWithTheDefaultsAfterTheTimeout() {
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            long start = System.nanoTime();
            JsonNode ready = client.awaitStatus("ready");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMillis >= 400, "waited " + waitedMillis + " ms of the 500 ms timeout");
            assertEquals("{\"sample_rate\":24000,\"channels\":1,\"encoding\":\"linear16\"}",
                    ready.path("details").path("session_settings").toString());
            assertEquals("Hi there", client.agentResponse());
        }
    }

    @Test
    void binaryAudioFirstStartsAtOnceWithTheDefaultsAsTheSdkDoesOnReconnect() {
        byte[] pcm = new byte[4096];
        pcm[1] = 3;
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            client.sendBinary(pcm);
            assertEquals(24_000, client.awaitStatus("ready").path("details").path("session_settings").path("sample_rate").asInt());
            JsonNode echo = client.nextAudio();
            assertEquals(Base64.getEncoder().encodeToString(pcm), echo.path("content").asText());
            assertEquals("pcm_24khz_16bit_mono", echo.path("audio_format").asText());
        }
    }

    @Test
    void binaryAndJsonAudioReachTheAgentAndItsAudioComesBackAsTtsChunksOfOneGeneration() throws Exception {
        byte[] pcm = new byte[960];
        pcm[0] = 7;
        String b64 = Base64.getEncoder().encodeToString(pcm);
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.awaitStatus("ready");
            client.sendBinary(pcm);
            client.send("{\"type\":\"audio_input\",\"data\":{\"audio\":\"" + b64 + "\",\"chunk_id\":\"chunk-001\"}}");
            assertEquals("audio:960", recorder.await("audio:"));
            assertEquals("audio:960", recorder.await("audio:"));
            String generation = client.awaitStatus("processing").path("details").path("generation_id").asText();
            JsonNode first = client.nextAudio();
            JsonNode second = client.nextAudio();
            assertEquals(List.of(b64, generation, "0", generation + "_0"), List.of(first.path("content").asText(),
                    first.path("generation_id").asText(), first.path("chunk_index").asText(), first.path("chunk_id").asText()));
            assertEquals(List.of(b64, generation, "1"), List.of(second.path("content").asText(),
                    second.path("generation_id").asText(), second.path("chunk_index").asText()));
        }
    }

    @Test
    void aTypedTurnIsATurnWithATranscriptionThenTheAnswer() {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.awaitStatus("ready");
            client.send("{\"type\":\"text_input\",\"message_id\":\"t-1\",\"data\":{\"text\":\"what time is it\"}}");
            String turn = client.await("turn_start").path("turn_id").asText();
            assertTrue(turn.matches("turn_\\d+"), turn);
            JsonNode transcription = client.await("transcription");
            assertEquals("what time is it", transcription.path("transcript").asText());
            assertEquals("what time is it", transcription.path("accumulated_transcript").asText());
            assertTrue(transcription.path("is_final").asBoolean());
            assertFalse(transcription.path("is_turn_incomplete").asBoolean());
            assertEquals("[\"what\",\"time\",\"is\",\"it\"]", wordsOf(transcription));
            assertEquals("utterance_end", transcription.path("metadata").path("event_type").asText());
            JsonNode end = client.await("turn_end");
            assertEquals(turn, end.path("turn_id").asText());
            assertTrue(end.path("is_complete").asBoolean());
            JsonNode complete = client.skipTo("turn_complete");
            assertEquals(turn, complete.path("turn_id").asText());
            assertEquals("what time is it", complete.path("transcript").asText());
            assertEquals("[\"text_input\"]", complete.path("turn_result").path("reasons").toString());
            client.awaitStatus("processing");
            assertEquals("You said: what time is it", client.agentResponse());
            client.awaitStatus("ready");
        }
    }

    private static String wordsOf(JsonNode transcription) {
        List<String> words = new ArrayList<>();
        transcription.path("words").forEach(word -> words.add("\"" + word.path("word").asText() + "\""));
        return "[" + String.join(",", words) + "]";
    }

    @Test
    void streamedRepliesArriveAsCumulativeChunksThenTheWholeText() {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "streaming")) {
            client.textInput("count");
            client.skipTo("turn_complete");
            String generation = client.awaitStatus("processing").path("details").path("generation_id").asText();
            List<String> chunks = new ArrayList<>();
            JsonNode chunk;
            while (!(chunk = client.await("llm_response_chunk")).path("is_final").asBoolean()) {
                assertEquals(generation, chunk.path("generation_id").asText());
                assertEquals(chunks.size(), chunk.path("chunk_index").asInt());
                chunks.add(chunk.path("content").asText() + "|" + chunk.path("delta").asText());
            }
            assertEquals(List.of("one |one ", "one two |two ", "one two three|three"), chunks);
            assertEquals("one two three", chunk.path("content").asText());
            assertEquals(3, chunk.path("chunk_index").asInt());
            client.awaitStatus("ready");
        }
    }

    @Test
    void aNewTurnInterruptsTheStreamingReplyAndNothingOfItFollowsTheInterruption() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "slow")) {
            client.textInput("talk");
            client.skipTo("turn_complete");
            String generation = client.awaitStatus("processing").path("details").path("generation_id").asText();
            assertEquals("word0 ", client.await("llm_response_chunk").path("content").asText());
            assertEquals("word0 word1 ", client.await("llm_response_chunk").path("content").asText());
            client.textInput("short");
            JsonNode frame;
            JsonNode lastChunk = null;
            while (!(frame = client.next()).path("type").asText().equals("tts_interruption")) {
                lastChunk = frame;
            }
            assertEquals(generation, frame.path("generation_id").asText());
            assertEquals("", frame.path("content").asText());
            assertTrue(lastChunk.path("is_final").asBoolean() && lastChunk.path("interrupted").asBoolean(), lastChunk::toString);
            String prefix = "slow-interrupted:" + generation.substring("gen_".length()) + ":";
            String heard = recorder.await(prefix).substring(prefix.length());
            assertTrue(heard.startsWith("word0 word1 "), heard);
            assertEquals(heard, lastChunk.path("content").asText(), "the SDK keeps what the user heard");
            client.awaitStatus("ready");
            client.await("turn_start");
            assertEquals("short answer", client.agentResponse());
            Thread.sleep(300);
            assertNothingOfAfter(client.history(), generation);
        }
    }

    @Test
    void interruptStopsTheAgentAtOnce() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "slow")) {
            client.textInput("talk");
            client.skipTo("turn_complete");
            String generation = client.awaitStatus("processing").path("details").path("generation_id").asText();
            client.await("llm_response_chunk");
            client.send("{\"type\":\"interrupt\",\"timestamp\":1645123456.789,\"message_id\":\"i-1\"}");
            assertEquals(generation, client.skipTo("tts_interruption").path("generation_id").asText());
            String prefix = "slow-interrupted:" + generation.substring("gen_".length()) + ":";
            assertTrue(recorder.await(prefix).startsWith(prefix + "word0 "));
            client.awaitStatus("ready");
            Thread.sleep(300);
            assertNothingOfAfter(client.history(), generation);
            client.expectSilence(Duration.ofMillis(100));
        }
    }

    /** Not one chunk of the interrupted generation after its {@code tts_interruption}. */
    private static void assertNothingOfAfter(List<JsonNode> history, String generation) {
        boolean interrupted = false;
        for (JsonNode frame : history) {
            if (interrupted) {
                assertNotEquals(generation, frame.path("generation_id").asText(), () -> "after the interruption: " + frame);
            }
            interrupted |= frame.path("type").asText().equals("tts_interruption");
        }
        assertTrue(interrupted);
    }

    @Test
    void keepAliveIsAcceptedQuietly() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.awaitStatus("ready");
            client.send("{\"type\":\"keep_alive\",\"timestamp\":1645123456.789,\"message_id\":\"ping-1\"}");
            client.expectSilence(Duration.ofMillis(200));
            client.textInput("still here");
            assertEquals("You said: still here", client.agentResponse());
        }
    }

    @Test
    void emotionDetectionAskedForWithoutADetectorIsReportedUnavailableAndNeverFaked() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.connected(SERVER.port(), "scripted")) {
            client.send("{\"type\":\"session_settings\",\"data\":{\"emotion_detection\":{\"enabled\":true},"
                    + "\"audio\":{\"sample_rate\":24000,\"channels\":1,\"encoding\":\"linear16\"}}}");
            JsonNode emotion = client.awaitStatus("ready").path("details").path("emotion_detection");
            assertEquals("{\"enabled\":false,\"available\":false,\"message\":\"Emotion detection is unavailable: no emotion "
                    + "detector is configured on this server\"}", emotion.toString());
            client.agentResponse();
            client.awaitStatus("ready");
            client.sendBinary(new byte[24_000]);
            client.nextAudio();
            client.awaitStatus("processing");
            client.expectSilence(Duration.ofMillis(300));
        }
    }

    @Test
    void aFailingHandlerGivesAnErrorAndTheConversationGoesOn() {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.textInput("fail");
            JsonNode error = client.skipTo("error");
            assertEquals("AGENT_ERROR", error.path("error_code").asText());
            assertTrue(error.path("error_message").asText().matches("The agent failed to handle that \\(ref [0-9a-f]{8}\\)"),
                    error::toString);
            assertEquals("{}", error.path("details").toString());
            client.textInput("again");
            assertEquals("You said: again", client.agentResponse());
        }
    }

    @Test
    void clientToolCallsAreAnsweredWithAnErrorResultSinceNextEviHasNone() {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.textInput("tool");
            assertEquals("The tool said NextEVI clients have no client tools (error)", client.agentResponse());
        }
    }

    @Test
    void theAgentEndingTheConversationClosesWith1000AfterItsLastWords() throws Exception {
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.textInput("end");
            assertEquals("Goodbye", client.agentResponse());
            client.assertClosed(1000, "Goodbye from the agent");
            recorder.await("ended:AGENT_ENDED:1000");
        }
    }

    @Test
    void theClientClosingEndsTheSessionAndDestroysItsAgent() throws Exception {
        String instance;
        try (NexteviTestClient client = NexteviTestClient.ready(SERVER.port(), "scripted")) {
            client.agentResponse();
            client.textInput("instance");
            instance = client.agentResponse().substring("instance ".length());
        }
        recorder.await("ended:CLIENT_CLOSED:1000");
        recorder.await("destroyed:" + instance);
    }
}
