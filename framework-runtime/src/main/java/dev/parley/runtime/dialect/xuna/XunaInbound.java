package dev.parley.runtime.dialect.xuna;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** What XUNA clients send, decoded. Field names follow the wire (snake case); constraints are checked on arrival. */
sealed interface XunaInbound {
    int MAX_TEXT = 100_000;

    /** {@code conversation_initiation_client_data}; every part optional. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ClientData(Map<String, Object> conversationConfigOverride, Map<String, Object> dynamicVariables,
                      @Size(max = 1_000) String userId, Map<String, Object> customLlmExtraBody,
                      Map<String, Object> sourceInfo) implements XunaInbound {
    }

    /** Either audio form: {@code {"user_audio_chunk": ...}} or {@code {"type":"audio","audio_event":{...}}}. */
    record UserAudio(byte[] pcm) implements XunaInbound {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pong(@NotNull @PositiveOrZero Long eventId) implements XunaInbound {
    }

    record UserActivity() implements XunaInbound {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserMessage(@NotNull @Size(max = MAX_TEXT) String text) implements XunaInbound {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ContextualUpdate(@NotNull @Size(max = MAX_TEXT) String text) implements XunaInbound {
    }

    /** {@code result} is whatever JSON the client sent, as text. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ClientToolResult(@NotBlank String toolCallId, @Size(max = MAX_TEXT) String result, boolean isError)
            implements XunaInbound {
    }

    /** A message Parley accepts but does not act on ({@code feedback}, unknown types): logged at debug. */
    record Ignored(String type) implements XunaInbound {
    }
}
