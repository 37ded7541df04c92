package dev.parley.runtime.dialect.playai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Writes server frames, each {@code {"type": ...}} with its fields. */
final class PlayaiEncoder {
    private final ObjectMapper mapper = new ObjectMapper();

    String init(String agentOwnerId, String conversationId, String language) {
        return write(event("init").put("agentOwnerId", agentOwnerId).put("conversationId", conversationId)
                .put("language", language));
    }

    /** Audio is the frequent frame: base64 needs no escaping, so it is written without a tree. */
    String audioStream(byte[] audio) {
        return "{\"type\":\"audioStream\",\"data\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}";
    }

    /** The SDK's schema wants {@code jobId} as a number. */
    String audioStreamEnd(String message, long jobId) {
        return write(event("audioStreamEnd").put("message", message).put("jobId", jobId));
    }

    /** An event with a {@code message}: onAgentGreeting, onAgentGreetingEnd, onUserTranscript, onAgentTranscript. */
    String withMessage(String type, String message) {
        return write(event(type).put("message", message));
    }

    String agentInterrupted(String updatedMessage) {
        return write(event("onAgentInterrupted").put("updatedMessage", updatedMessage));
    }

    String hangup(String endedBy) {
        return write(event("hangup").put("endedBy", endedBy));
    }

    String error(PlayaiException failure) {
        return write(event("error").put("code", failure.error.code).put("message", failure.getMessage())
                .put("isFatal", failure.fatal));
    }

    /** A message with nothing but its type: newAudioStream, audioStreamStart, voiceActivityStart, llmStreamEnd... */
    String bare(String type) {
        return "{\"type\":\"" + type + "\"}";
    }

    private ObjectNode event(String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private String write(ObjectNode event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
