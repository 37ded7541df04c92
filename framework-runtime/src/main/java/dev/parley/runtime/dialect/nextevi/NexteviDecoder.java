package dev.parley.runtime.dialect.nextevi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.dialect.StrictJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/**
 * Turns NextEVI text frames into {@link NexteviInbound} messages. Both envelope shapes are accepted: the payload
 * at the top level (as the React SDK sends it) or under {@code data} (as the API reference shows); when both are
 * present, {@code data} wins field by field. Thread-safe.
 */
final class NexteviDecoder {
    private static final List<String> ENVELOPE = List.of("type", "timestamp", "message_id", "data");
    private static final List<String> FLAT_AUDIO = List.of("sample_rate", "channels", "encoding");

    private final ObjectMapper mapper = StrictJson.mapper();

    NexteviInbound decode(String frame) throws NexteviProtocolException {
        JsonNode root;
        try {
            root = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            throw NexteviProtocolException.malformed("Malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw NexteviProtocolException.malformed("A NextEVI message is a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw NexteviProtocolException.malformed("The message has no \"type\"");
        }
        ObjectNode payload = payload((ObjectNode) root);
        return switch (type.textValue()) {
            case "session_settings" -> bind(withNestedAudio(payload), NexteviInbound.SessionSettings.class, type);
            case "audio_input" -> audioInput(payload);
            case "keep_alive" -> new NexteviInbound.KeepAlive();
            case "text_input" -> bind(withTextFromContent(payload), NexteviInbound.TextInput.class, type);
            case "interrupt" -> new NexteviInbound.Interrupt();
            default -> new NexteviInbound.Ignored(type.textValue());
        };
    }

    /** The message's own fields, wherever the client put them. */
    private static ObjectNode payload(ObjectNode root) throws NexteviProtocolException {
        ObjectNode payload = root.deepCopy();
        payload.remove(ENVELOPE);
        JsonNode data = root.get("data");
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                throw NexteviProtocolException.malformed("\"data\" must be an object");
            }
            payload.setAll((ObjectNode) data);
        }
        return payload;
    }

    /** The SDK's flat {@code sample_rate}, {@code channels}, {@code encoding} become the seed's {@code audio} object. */
    private ObjectNode withNestedAudio(ObjectNode payload) {
        JsonNode audio = payload.get("audio");
        if (audio != null && !audio.isObject()) {
            return payload; // binding reports the wrong type
        }
        ObjectNode nested = audio == null ? mapper.createObjectNode() : (ObjectNode) audio;
        for (String field : FLAT_AUDIO) {
            if (payload.has(field) && !nested.has(field)) {
                nested.set(field, payload.get(field));
            }
        }
        if (!nested.isEmpty()) {
            payload.set("audio", nested);
        }
        return payload;
    }

    private static ObjectNode withTextFromContent(ObjectNode payload) {
        if (!payload.has("text") && payload.has("content")) {
            payload.set("text", payload.get("content"));
        }
        return payload;
    }

    private NexteviInbound audioInput(ObjectNode payload) throws NexteviProtocolException {
        JsonNode chunkNode = payload.path("chunk_id");
        if (!chunkNode.isMissingNode() && !chunkNode.isNull() && !chunkNode.isTextual()) {
            throw NexteviProtocolException.invalid(ErrorCodes.INVALID_MESSAGE, "Invalid audio_input: chunk_id must be a string");
        }
        String chunkId = chunkNode.isTextual() ? chunkNode.textValue() : null;
        JsonNode audio = payload.get("audio");
        if (audio == null || !audio.isTextual()) {
            throw NexteviProtocolException.audio("audio_input needs \"audio\": base64 PCM", chunkId);
        }
        try {
            return new NexteviInbound.AudioInput(Base64.getDecoder().decode(audio.textValue()), chunkId);
        } catch (IllegalArgumentException e) {
            throw NexteviProtocolException.audio("audio_input.audio is not valid base64: " + e.getMessage(), chunkId);
        }
    }

    private <T extends NexteviInbound> T bind(ObjectNode payload, Class<T> type, JsonNode typeName)
            throws NexteviProtocolException {
        try {
            return mapper.treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw NexteviProtocolException.invalid(ErrorCodes.INVALID_MESSAGE, "Invalid " + typeName.textValue() + ": "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
    }
}
