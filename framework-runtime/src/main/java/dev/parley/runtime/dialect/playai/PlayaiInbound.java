package dev.parley.runtime.dialect.playai;

import java.util.Map;

/** A client message, decoded. */
sealed interface PlayaiInbound {

    /**
     * The first message: authentication and audio formats. Absent fields are null.
     *
     * @param raw the whole message, for {@link dev.parley.api.ClientOverrides#raw()}
     */
    record Setup(String apiKey, String inputEncoding, Integer inputSampleRate, String outputFormat,
                 Integer outputSampleRate, String customGreeting, String prompt, String continueConversation,
                 String language, Map<String, Object> raw) implements PlayaiInbound {
    }

    /** User audio; empty while the client's microphone is muted. */
    record AudioIn(byte[] data) implements PlayaiInbound {
    }

    /** Input the client's application sends its agent (as context, not as a user turn). */
    record CustomInput(String text) implements PlayaiInbound {
    }

    /** A message the server accepts and has nothing to do with ({@code mediaLog}, {@code bufferEmpty}, ...). */
    record Ignored(String type) implements PlayaiInbound {
    }
}
