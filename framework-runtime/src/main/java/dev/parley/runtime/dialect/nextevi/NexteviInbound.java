package dev.parley.runtime.dialect.nextevi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * What NextEVI clients send, decoded from either envelope shape (payload at the top level or under {@code data}).
 * Field names follow the wire (snake case); constraints are checked on arrival.
 */
sealed interface NexteviInbound {
    int MAX_TEXT = 100_000;

    /**
     * {@code session_settings}. The React SDK sends the audio fields flat, the seed nests them under {@code audio};
     * the decoder moves flat ones into {@code audio}. Absent parts keep their defaults.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SessionSettings(@Valid Audio audio, @Valid EmotionDetection emotionDetection,
                           @Valid TurnDetection turnDetection, Map<String, Object> idleTimeout) implements NexteviInbound {

        boolean emotionDetectionRequested() {
            return emotionDetection != null && Boolean.TRUE.equals(emotionDetection.enabled());
        }
    }

    /** The format of the user audio the client will send; null fields keep the default. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Audio(@Positive Integer sampleRate, @Positive Integer channels, @Size(min = 1, max = 32) String encoding) {
    }

    record EmotionDetection(Boolean enabled) {
    }

    /** Passed on to the agent in {@code ClientOverrides.raw()}; {@code silence_threshold} is in seconds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TurnDetection(Boolean enabled, @PositiveOrZero @DecimalMax("60") Double silenceThreshold) {
    }

    /** User audio: a binary frame, or {@code audio_input} with base64 {@code audio} and an optional {@code chunk_id}. */
    record AudioInput(byte[] pcm, @Size(max = 200) String chunkId) implements NexteviInbound {
    }

    record KeepAlive() implements NexteviInbound {
    }

    /** {@code text_input}: a typed user turn, in {@code text} (or {@code content}). */
    record TextInput(@NotNull @Size(max = MAX_TEXT) String text) implements NexteviInbound {
    }

    /** {@code interrupt}: the client asks the agent to stop talking. */
    record Interrupt() implements NexteviInbound {
    }

    /** A message type Parley accepts but does not act on: logged at debug. */
    record Ignored(String type) implements NexteviInbound {
    }
}
