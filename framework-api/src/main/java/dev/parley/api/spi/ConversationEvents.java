package dev.parley.api.spi;

import dev.parley.api.AudioFrame;
import dev.parley.api.Emotions;
import dev.parley.api.Interruption;
import dev.parley.api.Transcript;
import java.util.Map;

/**
 * What a conversation tells its dialect to render. Calls for one conversation never overlap and come in
 * order. Ids come from one increasing counter per conversation, shared by user turns and agent responses.
 */
public interface ConversationEvents {

    /** The user's words: partial results as they are recognized, then the final one. */
    void userTranscript(long eventId, Transcript transcript);

    /** An agent response begins. */
    void responseStarted(long responseId);

    /** The agent's greeting begins: a response like any other, which dialects that mark greetings tell apart. */
    default void greetingStarted(long responseId, String text) {
        responseStarted(responseId);
    }

    /** More text of a response; {@code textSoFar} is everything sent for it, {@code delta} included. */
    void responseText(long responseId, String delta, String textSoFar);

    /** Agent audio of a response, in {@link ConversationSpec#outputFormat()}. */
    void responseAudio(long responseId, AudioFrame audio);

    /** The response is complete; nothing more of it follows. */
    void responseCompleted(long responseId, String fullText);

    /**
     * All audio of a completed response has been sent (for a spoken response, some time after
     * {@link #responseCompleted}; at once for one without speech). Not called for an interrupted response.
     */
    default void responsePlayedOut(long responseId) {
    }

    /** The voice activity detector heard the user start talking. */
    default void userSpeechStarted() {
    }

    /** The user stopped talking (the turn ended, or it was too short to be one). */
    default void userSpeechStopped() {
    }

    /** The user interrupted a response; nothing more of it follows. */
    void interrupted(Interruption interruption);

    /** The agent asks the client to run a tool. */
    void toolCall(String toolCallId, String toolName, Map<String, Object> parameters);

    /** A handler of the agent failed; the conversation goes on. */
    void agentFailed(String message);

    /** The agent ended the conversation; the dialect closes the connection its own way. */
    void endRequested(String reason);

    /** The agent cannot serve this conversation (it could not be created): close with the dialect's internal-error code. */
    default void agentUnavailable(String reason) {
        endRequested(reason);
    }

    /** The agent published emotions; dialects that cannot show them keep this default. */
    default void emotions(Emotions emotions) {
    }
}
