package dev.parley.runtime.dialect.xuna;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.runtime.dialect.StrictJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns XUNA frames into {@link XunaInbound} messages and agent events into frames, in the shapes the
 * published {@code @elevenlabs/client} reads (see docs/dialects/xuna.md). Thread-safe.
 */
final class XunaCodec {
    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getEncoder();
    private static final java.util.Base64.Decoder BASE64_DECODER = java.util.Base64.getDecoder();
    /** What the published client's JSON.stringify makes of an audio chunk, around the base64 text. */
    private static final String AUDIO_CHUNK_START = "{\"user_audio_chunk\":\"";
    private static final String AUDIO_CHUNK_END = "\"}";
    /** The {@code audio} event up to its base64 text. */
    private static final byte[] AUDIO_START =
            "{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"".getBytes(StandardCharsets.ISO_8859_1);
    private final ObjectMapper mapper = StrictJson.mapper();

    XunaInbound decode(String frame) throws XunaProtocolException {
        byte[] audio = compactAudioChunk(frame);
        if (audio != null) {
            return new XunaInbound.UserAudio(audio);
        }
        JsonNode root;
        try {
            root = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new XunaProtocolException("invalid_message", "Malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new XunaProtocolException("invalid_message", "A XUNA message is a JSON object");
        }
        JsonNode chunk = root.get("user_audio_chunk");
        if (chunk != null) {
            return new XunaInbound.UserAudio(base64(chunk, "user_audio_chunk"));
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new XunaProtocolException("invalid_message", "The message has no \"type\" (and is not a user_audio_chunk)");
        }
        return switch (type.textValue()) {
            case "conversation_initiation_client_data" -> bind(root, XunaInbound.ClientData.class);
            case "audio" -> new XunaInbound.UserAudio(base64(root.path("audio_event").get("audio_base_64"),
                    "audio_event.audio_base_64"));
            case "pong" -> bind(root, XunaInbound.Pong.class);
            case "user_activity" -> new XunaInbound.UserActivity();
            case "user_message" -> bind(root, XunaInbound.UserMessage.class);
            case "contextual_update" -> bind(root, XunaInbound.ContextualUpdate.class);
            case "client_tool_result" -> toolResult(root);
            default -> new XunaInbound.Ignored(type.textValue());
        };
    }

    private <T extends XunaInbound> T bind(JsonNode root, Class<T> type) throws XunaProtocolException {
        try {
            return mapper.treeToValue(root, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new XunaProtocolException("invalid_message", "Invalid " + root.path("type").asText() + ": "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
    }

    /** The client sends its tool's result as a string; anything else is kept as its JSON text. */
    private XunaInbound toolResult(JsonNode root) throws XunaProtocolException {
        JsonNode result = root.get("result");
        if (result != null && !result.isTextual() && !result.isNull()) {
            ((ObjectNode) root).put("result", result.toString());
        }
        return bind(root, XunaInbound.ClientToolResult.class);
    }

    /**
     * The audio of a chunk in the exact form the published client sends ten times a second, decoded straight from the
     * frame's bytes; {@code null} for anything else (other fields, whitespace, escapes, bad base64), which then
     * goes through the JSON tree as every other frame does. Skipping the tree saves the parser's character buffers,
     * the tree and a copy of the text on every chunk (docs/performance.md).
     */
    private static byte[] compactAudioChunk(String frame) {
        int start = AUDIO_CHUNK_START.length();
        int end = frame.length() - AUDIO_CHUNK_END.length();
        if (end < start || !frame.startsWith(AUDIO_CHUNK_START) || !frame.endsWith(AUDIO_CHUNK_END)) {
            return null;
        }
        // a quote or backslash inside (another field, an escape) is not base64, so the decoder refuses it
        byte[] latin1 = frame.getBytes(StandardCharsets.ISO_8859_1);
        try {
            ByteBuffer decoded = BASE64_DECODER.decode(ByteBuffer.wrap(latin1, start, end - start));
            return decoded.remaining() == decoded.array().length ? decoded.array()
                    : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] base64(JsonNode node, String field) throws XunaProtocolException {
        if (node == null || !node.isTextual()) {
            throw new XunaProtocolException("invalid_audio", field + " must be a base64 string");
        }
        try {
            return BASE64_DECODER.decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new XunaProtocolException("invalid_audio", field + " is not valid base64: " + e.getMessage());
        }
    }

    // ---- server -> client ----

    String metadata(String conversationId, String outputFormat, String inputFormat) {
        ObjectNode frame = frame("conversation_initiation_metadata");
        frame.putObject("conversation_initiation_metadata_event")
                .put("conversation_id", conversationId)
                .put("agent_output_audio_format", outputFormat)
                .put("user_input_audio_format", inputFormat);
        return write(frame);
    }

    /** Written without a tree, like {@link #audio}: numbers need no escaping. */
    String ping(long eventId, Long lastRoundTripMillis) {
        return lastRoundTripMillis == null
                ? "{\"type\":\"ping\",\"ping_event\":{\"event_id\":" + eventId + "}}"
                : "{\"type\":\"ping\",\"ping_event\":{\"event_id\":" + eventId + ",\"ping_ms\":" + lastRoundTripMillis + "}}";
    }

    String userTranscript(long eventId, String text) {
        ObjectNode frame = frame("user_transcript");
        frame.putObject("user_transcription_event").put("user_transcript", text).put("event_id", eventId);
        return write(frame);
    }

    String tentativeUserTranscript(long eventId, String text) {
        ObjectNode frame = frame("tentative_user_transcript");
        frame.putObject("tentative_user_transcription_event").put("user_transcript", text).put("event_id", eventId);
        return write(frame);
    }

    String agentResponse(long eventId, String text) {
        ObjectNode frame = frame("agent_response");
        frame.putObject("agent_response_event").put("agent_response", text).put("event_id", eventId);
        return write(frame);
    }

    /** What the user heard of a response whose {@code agent_response} was already sent. */
    String agentResponseCorrection(long eventId, String original, String corrected) {
        ObjectNode frame = frame("agent_response_correction");
        frame.putObject("agent_response_correction_event")
                .put("original_agent_response", original)
                .put("corrected_agent_response", corrected)
                .put("event_id", eventId);
        return write(frame);
    }

    /** Streaming text: {@code part} is start, delta or stop. */
    String agentResponsePart(long eventId, String part, String text) {
        ObjectNode frame = frame("agent_chat_response_part");
        frame.putObject("text_response_part").put("text", text).put("type", part).put("event_id", eventId);
        return write(frame);
    }

    /**
     * The one frame sent for every chunk of agent audio, so it is written by hand around the JDK's (intrinsic) base64
     * encoder instead of through a tree and Jackson's base64: about 5x cheaper (docs/performance.md). Base64 and a
     * number need no JSON escaping; the text is the same as the tree wrote, field order included. The frame is built in
     * one Latin-1 array (the JDK encodes at offset 0 only, so the base64 is moved behind the prefix in place): two
     * copies of the audio's size per frame, the array and the string, where {@code encodeToString} and a
     * concatenation make three.
     */
    String audio(long eventId, byte[] audio) {
        byte[] end = ("\",\"event_id\":" + eventId + "}}").getBytes(StandardCharsets.ISO_8859_1);
        int encoded = 4 * ((audio.length + 2) / 3);
        byte[] frame = new byte[AUDIO_START.length + encoded + end.length];
        BASE64.encode(audio, frame);
        System.arraycopy(frame, 0, frame, AUDIO_START.length, encoded);
        System.arraycopy(AUDIO_START, 0, frame, 0, AUDIO_START.length);
        System.arraycopy(end, 0, frame, AUDIO_START.length + encoded, end.length);
        return new String(frame, StandardCharsets.ISO_8859_1);
    }

    String interruption(long eventId) {
        ObjectNode frame = frame("interruption");
        frame.putObject("interruption_event").put("event_id", eventId);
        return write(frame);
    }

    String clientToolCall(String toolCallId, String toolName, Map<String, Object> parameters) {
        ObjectNode frame = frame("client_tool_call");
        ObjectNode call = frame.putObject("client_tool_call")
                .put("tool_name", toolName)
                .put("tool_call_id", toolCallId);
        call.set("parameters", mapper.valueToTree(parameters));
        return write(frame);
    }

    String error(String errorType, String message) {
        ObjectNode frame = frame("error");
        frame.putObject("error_event").put("error_type", errorType).put("message", message);
        return write(frame);
    }

    private ObjectNode frame(String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private String write(ObjectNode frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}
