package dev.parley.runtime.dialect.nextevi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.api.AudioFrame;
import dev.parley.api.Interruption;
import dev.parley.api.Emotions;
import dev.parley.api.ToolResult;
import dev.parley.api.Transcript;
import dev.parley.api.spi.ClientLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sequences of conversation events that the text-only server tests cannot produce, rendered without a server. */
class NexteviEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> sent = new ArrayList<>();
    private final List<String> ended = new ArrayList<>();
    private final List<ToolResult> toolResults = new ArrayList<>();
    private final NexteviEvents events = new NexteviEvents(new RecordingLink(), new NexteviEncoder(), "voice_1",
            (cause, code, reason) -> ended.add(cause + ":" + code + ":" + reason), toolResults::add);

    private final class RecordingLink implements ClientLink {
        @Override
        public void sendText(String frame) {
            try {
                JsonNode message = JSON.readTree(frame);
                NexteviTestClient.assertEnvelope(message);
                sent.add(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void sendBinary(ByteBuffer frame) {
            throw new AssertionError("NextEVI sends no binary frames");
        }

        @Override
        public void close(int code, String reason) {
            throw new AssertionError("events do not close the connection themselves");
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    /** Each message as {@code type} plus the fields that matter here. */
    private List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (JsonNode message : sent) {
            StringBuilder line = new StringBuilder(message.path("type").asText());
            for (String field : List.of("status", "turn_id", "is_complete", "transcript", "content", "is_final",
                    "interrupted", "generation_id", "chunk_index")) {
                if (message.has(field) && !(message.path("type").asText().equals("tts_chunk") && field.equals("content"))) {
                    line.append(' ').append(field).append('=').append(message.path(field).asText());
                }
            }
            lines.add(line.toString());
        }
        sent.clear();
        return lines;
    }

    @Test
    void aTurnAbandonedWithoutFinalWordsEndsIncompleteWhenTheNextBegins() {
        events.userTranscript(2, Transcript.spoken("what", false));
        events.userTranscript(2, Transcript.spoken("what time", false));
        events.userTranscript(5, Transcript.spoken("hello", false));
        events.userTranscript(5, Transcript.spoken("hello there", true));
        assertEquals(List.of(
                "turn_start turn_id=turn_2",
                "transcription transcript=what is_final=false",
                "transcription transcript=what time is_final=false",
                "turn_end turn_id=turn_2 is_complete=false",
                "turn_start turn_id=turn_5",
                "transcription transcript=hello is_final=false",
                "transcription transcript=hello there is_final=true",
                "turn_end turn_id=turn_5 is_complete=true",
                "turn_complete turn_id=turn_5 transcript=hello there"), summary());
    }

    @Test
    void aSpokenResponseInterruptedAfterItsTextCompletedGetsNoSecondFinalChunk() {
        events.ready(new SessionReport(SessionAudio.DEFAULT, false, Optional.empty(), "conv_1"));
        summary();
        events.responseStarted(3);
        events.responseText(3, "Once upon ", "Once upon ");
        events.responseText(3, "a time.", "Once upon a time.");
        events.responseAudio(3, new AudioFrame(SessionAudio.OUTPUT, new byte[480]));
        events.responseCompleted(3, "Once upon a time.");
        events.responseAudio(3, new AudioFrame(SessionAudio.OUTPUT, new byte[480]));
        events.interrupted(new Interruption(3, "Once upon a time.", "Once upon"));
        assertEquals(List.of(
                "status status=processing",
                "llm_response_chunk content=Once upon  is_final=false generation_id=gen_3 chunk_index=0",
                "llm_response_chunk content=Once upon a time. is_final=false generation_id=gen_3 chunk_index=1",
                "tts_chunk generation_id=gen_3 chunk_index=0",
                "llm_response_chunk content=Once upon a time. is_final=true generation_id=gen_3 chunk_index=2",
                "status status=ready",
                "tts_chunk generation_id=gen_3 chunk_index=1",
                "tts_interruption content= generation_id=gen_3"), summary());
    }

    @Test
    void aResponseInterruptedWhileItsTextStreamsEndsWithWhatWasHeard() {
        events.ready(new SessionReport(SessionAudio.DEFAULT, false, Optional.empty(), "conv_1"));
        summary();
        events.responseStarted(4);
        events.responseText(4, "word0 ", "word0 ");
        events.interrupted(new Interruption(4, "word0 ", "word0 "));
        assertEquals(List.of(
                "status status=processing",
                "llm_response_chunk content=word0  is_final=false generation_id=gen_4 chunk_index=0",
                "llm_response_chunk content=word0  is_final=true interrupted=true generation_id=gen_4 chunk_index=1",
                "tts_interruption content= generation_id=gen_4",
                "status status=ready"), summary());
    }

    @Test
    void anAudioOnlyResponseHasNoTextChunks() {
        events.ready(new SessionReport(SessionAudio.DEFAULT, false, Optional.empty(), "conv_1"));
        summary();
        events.responseStarted(6);
        events.responseAudio(6, new AudioFrame(SessionAudio.OUTPUT, new byte[480]));
        events.responseCompleted(6, "");
        assertEquals(List.of("status status=processing", "tts_chunk generation_id=gen_6 chunk_index=0", "status status=ready"),
                summary());
    }

    @Test
    void emotionsAndTheRest() {
        events.emotions(EmotionReading.of(Map.of("Joy", 0.9)));
        events.agentFailed("The agent failed to handle that (ref 0000abcd)");
        events.toolCall("tool_1", "lookup", Map.of());
        events.endRequested("Goodbye");
        assertEquals(List.of("emotion_update", "error"), summary());
        assertEquals(List.of(new ToolResult("tool_1", "NextEVI clients have no client tools", true)), toolResults);
        assertEquals(List.of("AGENT_ENDED:1000:Goodbye"), ended);
    }

    @Test
    void anAgentThatCannotStartClosesWithTheInternalErrorCode() {
        events.agentUnavailable("The agent could not be started (ref 0000abcd)");
        assertEquals(List.of("ERROR:1011:The agent could not be started (ref 0000abcd)"), ended);
    }

    @Test
    void emotionsTheAgentPublishesAreSentInBothPairShapes() {
        events.emotions(new Emotions(Map.of("joy", 0.75)));
        JsonNode update = sent.get(sent.size() - 1);
        assertEquals("emotion_update", update.path("type").asText());
        assertTrue(update.toString().contains("\"emotion\":\"joy\""), update::toString);
        assertTrue(update.toString().contains("\"name\":\"joy\""), update::toString);
        assertTrue(update.toString().contains("\"score\":0.75"), update::toString);
    }

    @Test
    void recognizedWordsCarryTheirTimings() {
        events.userTranscript(2, new Transcript("opening hours", true, Transcript.Source.SPOKEN, List.of(
                new Transcript.Word("opening", 0.12, 0.5, 0.9), new Transcript.Word("hours", 0.5, 0.88, 1.0))));
        JsonNode transcription = sent.stream().filter(m -> m.path("type").asText().equals("transcription")).findFirst()
                .orElseThrow();
        JsonNode words = transcription.path("words");
        assertEquals(2, words.size());
        assertEquals("opening", words.get(0).path("word").asText());
        assertEquals(0.12, words.get(0).path("start").asDouble());
        assertEquals(0.88, words.get(1).path("end").asDouble());
        assertEquals(0.9, words.get(0).path("confidence").asDouble());
        assertEquals(words, transcription.path("data").path("words"), "the data copy carries them too");
    }
}
