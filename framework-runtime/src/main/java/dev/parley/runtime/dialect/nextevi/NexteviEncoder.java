package dev.parley.runtime.dialect.nextevi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Transcript;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Renders server messages. Every message has {@code type}, {@code timestamp} (Unix seconds with milliseconds) and
 * {@code message_id}; its payload is written twice: at the top level, where the React SDK reads it, and as
 * {@code data}, where the API reference puts it. Thread-safe.
 */
final class NexteviEncoder {
    /** How many emotions {@code top_emotions} lists. */
    static final int TOP_EMOTIONS = 3;
    /** Parley's recognizers give no confidence; as with {@code Recognition.Word}, unknown confidence is 1. */
    private static final double UNKNOWN_CONFIDENCE = 1.0;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock;
    private final Supplier<String> messageIds;

    NexteviEncoder() {
        this(Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    /** With a fixed clock and ids, for exact comparisons in tests. */
    NexteviEncoder(Clock clock, Supplier<String> messageIds) {
        this.clock = clock;
        this.messageIds = messageIds;
    }

    String connectionMetadata(String connectionId, String projectId, String configId) {
        ObjectNode payload = object().put("connection_id", connectionId).put("status", "connected");
        payload.putObject("config")
                .put("audio_format", SessionAudio.PCM_24K_NAME)
                .put("encoding", SessionAudio.DEFAULT.encoding())
                .put("sample_rate", SessionAudio.DEFAULT.sampleRate())
                .put("channels", SessionAudio.DEFAULT.channels());
        payload.put("project_id", projectId).put("config_id", configId);
        return message("connection_metadata", payload);
    }

    /** {@code status: ready}: the session takes audio, with its settings echoed. */
    String ready(SessionReport session) {
        ObjectNode payload = object().put("status", "ready");
        ObjectNode details = payload.putObject("details");
        details.putObject("session_settings")
                .put("sample_rate", session.audio().sampleRate())
                .put("channels", session.audio().channels())
                .put("encoding", session.audio().encoding());
        ObjectNode emotion = details.putObject("emotion_detection")
                .put("enabled", session.emotionDetectionOn())
                .put("available", session.emotionDetector().isPresent());
        session.emotionDetector().ifPresent(name -> emotion.put("detector", name));
        if (session.emotionRequested() && session.emotionDetector().isEmpty()) {
            emotion.put("message", "Emotion detection is unavailable: no emotion detector is configured on this server");
        }
        details.put("conversation_id", session.conversationId());
        return message("status", payload);
    }

    /** {@code status: processing}: the agent works on a response. */
    String processing(long responseId) {
        ObjectNode payload = object().put("status", "processing");
        payload.putObject("details").put("generation_id", generationId(responseId));
        return message("status", payload);
    }

    /** A partial or final transcript; in Parley each one holds the whole turn so far. */
    String transcription(String sessionId, Transcript transcript) {
        String text = transcript.text();
        boolean isFinal = transcript.isFinal();
        ObjectNode payload = object()
                .put("transcript", text)
                .put("confidence", UNKNOWN_CONFIDENCE)
                .put("is_final", isFinal)
                .put("is_speech_final", isFinal)
                .put("session_id", sessionId);
        payload.set("words", words(transcript));
        payload.put("accumulated_transcript", text)
                .put("is_turn_incomplete", !isFinal)
                .put("original_fragment", text);
        payload.putObject("metadata")
                .put("event_type", isFinal ? "utterance_end" : "interim")
                .put("source", transcript.source() == Transcript.Source.TYPED ? "text_input" : "speech");
        return message("transcription", payload);
    }

    /**
     * The words of a transcript, with the recognizer's timings when it gave them; otherwise (typed text, partial
     * results) {@code start} and {@code end} are left out.
     */
    private ArrayNode words(Transcript transcript) {
        ArrayNode words = mapper.createArrayNode();
        if (!transcript.words().isEmpty()) {
            for (Transcript.Word word : transcript.words()) {
                words.addObject().put("word", word.word()).put("start", word.start()).put("end", word.end())
                        .put("confidence", word.confidence());
            }
            return words;
        }
        for (String word : transcript.text().strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.addObject().put("word", word).put("confidence", UNKNOWN_CONFIDENCE);
            }
        }
        return words;
    }

    /**
     * One chunk of a response's text. {@code content} is everything so far (the SDK replaces its text with each
     * chunk), {@code delta} what this chunk adds.
     */
    String llmChunk(long responseId, int chunkIndex, String content, String delta) {
        return message("llm_response_chunk", chunk(responseId, chunkIndex, content, false).put("delta", delta));
    }

    /** The response's last chunk, with its whole text. */
    String finalLlmChunk(long responseId, int chunkIndex, String fullText) {
        return message("llm_response_chunk", chunk(responseId, chunkIndex, fullText, true));
    }

    /** The last chunk of an interrupted response: what the user heard of it. */
    String interruptedLlmChunk(long responseId, int chunkIndex, String heardText) {
        return message("llm_response_chunk", chunk(responseId, chunkIndex, heardText, true).put("interrupted", true));
    }

    private ObjectNode chunk(long responseId, int chunkIndex, String content, boolean isFinal) {
        return object()
                .put("content", content)
                .put("is_final", isFinal)
                .put("generation_id", generationId(responseId))
                .put("chunk_index", chunkIndex);
    }

    /** Agent audio: base64 PCM16 at 24 kHz, mono, which the SDK plays as it comes (the reference says WAV). */
    String ttsChunk(long responseId, int chunkIndex, byte[] pcm) {
        ObjectNode payload = object()
                .put("content", pcm)
                .put("generation_id", generationId(responseId))
                .put("chunk_index", chunkIndex)
                .put("chunk_id", generationId(responseId) + "_" + chunkIndex)
                .put("audio_format", SessionAudio.PCM_24K_NAME);
        return message("tts_chunk", payload);
    }

    String ttsInterruption(long responseId) {
        return message("tts_interruption", object().put("content", "").put("generation_id", generationId(responseId)));
    }

    String turnStart(String turnId) {
        return message("turn_start", object().put("turn_id", turnId));
    }

    /** The end of a user turn; {@code complete} is false for one abandoned without final words. */
    String turnEnd(String turnId, Duration duration, boolean complete) {
        return message("turn_end", object()
                .put("turn_id", turnId)
                .put("duration", duration.toMillis() / 1000.0)
                .put("is_complete", complete));
    }

    /** The React SDK's turn result: the user finished, for the reason given. */
    String turnComplete(String turnId, Transcript transcript) {
        ObjectNode payload = object().put("turn_id", turnId).put("transcript", transcript.text());
        ObjectNode result = payload.putObject("turn_result").put("is_complete", true).put("confidence", UNKNOWN_CONFIDENCE);
        result.putArray("reasons").add(transcript.source() == Transcript.Source.TYPED ? "text_input" : "end_of_turn_silence");
        return message("turn_complete", payload);
    }

    /**
     * Emotions, with each top emotion as both {@code {emotion, percentage}} (what the SDK reads) and
     * {@code {name, score}} (what the reference documents).
     */
    String emotionUpdate(String connectionId, EmotionReading reading) {
        ObjectNode payload = object();
        ArrayNode top = payload.putArray("top_emotions");
        for (Map.Entry<String, Double> emotion : reading.strongest(TOP_EMOTIONS)) {
            top.addObject()
                    .put("emotion", emotion.getKey())
                    .put("percentage", Math.round(emotion.getValue() * 10_000) / 100.0)
                    .put("name", emotion.getKey())
                    .put("score", emotion.getValue());
        }
        ObjectNode all = payload.putObject("all_emotions");
        reading.scores().forEach(all::put);
        reading.processingTime().ifPresent(time -> payload.put("processing_time", time.toMillis() / 1000.0));
        reading.utterance().ifPresent(time -> payload.put("utterance_duration", time.toMillis() / 1000.0));
        payload.put("connection_id", connectionId).put("session_id", connectionId);
        return message("emotion_update", payload);
    }

    String error(String errorCode, String errorMessage, Map<String, ?> details) {
        ObjectNode payload = object().put("error_code", errorCode).put("error_message", errorMessage);
        payload.set("details", mapper.valueToTree(details));
        return message("error", payload);
    }

    private static String generationId(long responseId) {
        return "gen_" + responseId;
    }

    private ObjectNode object() {
        return mapper.createObjectNode();
    }

    private String message(String type, ObjectNode payload) {
        ObjectNode message = object()
                .put("type", type)
                .put("timestamp", clock.millis() / 1000.0)
                .put("message_id", messageIds.get());
        message.setAll(payload.deepCopy());
        message.set("data", payload);
        try {
            return mapper.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}
