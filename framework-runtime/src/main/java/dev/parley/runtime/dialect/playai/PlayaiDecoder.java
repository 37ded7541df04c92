package dev.parley.runtime.dialect.playai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.dialect.StrictJson;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** Reads client frames. Every failure is a 4400 whose message says what is wrong with the frame. */
final class PlayaiDecoder {
    /** Messages the published SDK sends that need nothing from the server. */
    private static final Set<String> IGNORED = Set.of("mediaLog", "bufferEmpty", "extendConversationSetup",
            "conversationAudio");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper = StrictJson.mapper();

    PlayaiInbound decode(String frame) throws PlayaiException {
        JsonNode message;
        try {
            message = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            throw PlayaiException.invalid("The message is not JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            throw PlayaiException.invalid("A message is a JSON object with a \"type\"");
        }
        String type = text(message, "type");
        if (type == null) {
            throw PlayaiException.invalid("The message has no \"type\"");
        }
        return switch (type) {
            case "setup" -> setup(message);
            case "audioIn" -> audioIn(message);
            case "customInput" -> new PlayaiInbound.CustomInput(customInput(message));
            default -> {
                if (!IGNORED.contains(type)) {
                    throw PlayaiException.invalid("Unknown message type '" + type + "'");
                }
                yield new PlayaiInbound.Ignored(type);
            }
        };
    }

    private PlayaiInbound.Setup setup(JsonNode message) throws PlayaiException {
        return new PlayaiInbound.Setup(text(message, "apiKey"), text(message, "inputEncoding"),
                number(message, "inputSampleRate"), text(message, "outputFormat"), number(message, "outputSampleRate"),
                text(message, "customGreeting"), text(message, "prompt"), text(message, "continueConversation"),
                text(message, "language"), mapper.convertValue(message, MAP));
    }

    private static PlayaiInbound.AudioIn audioIn(JsonNode message) throws PlayaiException {
        String data = text(message, "data");
        if (data == null) {
            throw PlayaiException.invalid("audioIn needs \"data\": base64 audio");
        }
        try {
            return new PlayaiInbound.AudioIn(Base64.getDecoder().decode(data));
        } catch (IllegalArgumentException e) {
            throw PlayaiException.invalid("audioIn \"data\" is not base64: " + e.getMessage());
        }
    }

    /** The SDK sends {@code data}; text fields are taken as they are, anything else as its JSON. */
    private static String customInput(JsonNode message) {
        JsonNode data = message.has("data") ? message.get("data") : message.get("message");
        if (data == null || data.isNull()) {
            return "";
        }
        return data.isTextual() ? data.asText() : data.toString();
    }

    private static String text(JsonNode message, String field) throws PlayaiException {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw PlayaiException.invalid("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static Integer number(JsonNode message, String field) throws PlayaiException {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw PlayaiException.invalid("\"" + field + "\" must be a whole number");
        }
        return value.asInt();
    }
}
