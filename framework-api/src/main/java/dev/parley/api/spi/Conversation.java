package dev.parley.api.spi;

import dev.parley.api.AudioFrame;
import dev.parley.api.SessionEnd;
import dev.parley.api.ToolResult;
import dev.parley.api.TurnTaking;

/**
 * A running conversation, as its dialect drives it. Every method returns at once: the work is queued
 * for the session's handlers, which run one at a time in call order.
 */
public interface Conversation {

    /** The conversation's id (to send in the dialect's opening message). */
    String id();

    /** Starts the agent's side: {@code @OnSessionStart}, then the greeting. Call after the dialect's opening frames. */
    void begin();

    /** User audio in {@link ConversationSpec#inputFormat()}. */
    void userAudio(AudioFrame frame);

    /** A typed user turn. */
    void userText(String text);

    /** The user is present (typing, clicking): resets idle timers. */
    void userActivity();

    /** Context for the agent that is not a user turn. */
    void contextUpdate(String text);

    /** The client's answer to a tool call. */
    void toolResult(ToolResult result);

    /** This conversation's turn taking. */
    TurnTaking turnTaking();

    /** Applies turn-taking settings the client sent (NextEVI {@code silence_threshold}), from the next frame on. */
    void turnTaking(TurnTaking turnTaking);

    /** The client asks the agent to stop talking. */
    void interrupt();

    /** The connection is gone: stop everything, run {@code @OnSessionEnd}, destroy the agent. Idempotent. */
    void close(SessionEnd end);
}
