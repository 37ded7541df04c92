package dev.parley.api;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One conversation between a client and an agent instance, as the agent sees it. Safe to use from
 * any thread; output is delivered in the order it was requested.
 */
public interface AgentSession {

    /** Parley's id of this conversation (XUNA {@code conversation_id}). */
    String conversationId();

    /** The id of the agent serving it. */
    String agentId();

    /** The dialect the client speaks (a {@link Dialects} id). */
    String dialect();

    /** What the client asked for when it started. */
    ClientOverrides overrides();

    /** Whether the connection is still open. */
    boolean isOpen();

    /** Says {@code text} as one agent response (spoken unless the conversation is text-only). */
    CompletionStage<Void> say(String text);

    /**
     * Streams one agent response chunk by chunk (an LLM's tokens, say). It completes when the publisher
     * does, or when the user interrupts (the subscription is then cancelled).
     */
    CompletionStage<Void> stream(Flow.Publisher<? extends CharSequence> chunks);

    /**
     * Sends agent audio as part of the current response, converted (decoded, resampled, encoded) to the
     * client's output format when it differs. Ignored in text-only conversations.
     */
    void sendAudio(AudioFrame frame);

    /**
     * Asks the client to run one of its tools (XUNA {@code client_tool_call}); completes with its answer,
     * or exceptionally when the session ends first or the dialect has no client tools.
     */
    CompletionStage<ToolResult> callClientTool(String toolName, Map<String, Object> parameters);

    /** Tells the client which emotions the agent recognized in the user's speech; dialects without such a message ignore it. */
    void publishEmotions(Emotions emotions);

    /** Ends the conversation normally once what was already said has been sent. */
    void end(String reason);

    /** When this session decides the user started, finished or interrupted (see {@link TurnTaking}). */
    TurnTaking turnTaking();

    /** Changes turn taking for this session from the next audio frame on. */
    void turnTaking(TurnTaking turnTaking);

    /**
     * The conversation so far, oldest first: the finished user and agent turns, including those of the earlier
     * sessions this one continues (PlayAI {@code continueConversation}), kept in the runtime's
     * {@link dev.parley.api.spi.ConversationStore}. An LLM agent builds its context from it.
     */
    java.util.List<ConversationTurn> history();

    /** Per-session attributes, for the agent's and extensions' own use. */
    Map<String, Object> attributes();
}
